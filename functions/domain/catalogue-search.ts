import { badRequest } from './errors';
import type { ProcedureVersion } from './procedure';
import { foldVietnamese } from './text-search';

/** What the catalogue listing and its search need of a procedure version. */
export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  sector: string;
  agencyId: string | null;
  receivingAgencyIds: string[];
  onlineMode: ProcedureVersion['onlineMode'];
  effectiveFrom: string;
}

export function summarise(v: ProcedureVersion): ProcedureSummary {
  return {
    id: v.id,
    code: v.code,
    name: v.name,
    sector: v.sector,
    agencyId: v.agencyId ?? null,
    receivingAgencyIds: v.receivingAgencyIds,
    onlineMode: v.onlineMode,
    effectiveFrom: v.effectiveFrom,
  };
}

export interface CatalogueQuery {
  q?: string;
  agencyId?: string;
  sector?: string;
  onlineMode?: ProcedureVersion['onlineMode'];
  limit: number;
  cursor?: string;
}

/**
 * How well a procedure matches a query, folded (case and diacritics ignored): the whole query at the start of the
 * name (0), inside the name (1), every word of it in the name (2), the national code (3), the sector (4). Undefined
 * when it does not match.
 */
export function rankMatch(query: string, p: Pick<ProcedureSummary, 'name' | 'code' | 'sector'>): number | undefined {
  const q = foldVietnamese(query);
  if (!q) return 0;
  const name = foldVietnamese(p.name);
  if (name.startsWith(q)) return 0;
  if (name.includes(q)) return 1;
  const words = name.split(' ');
  if (q.split(' ').every((w) => words.some((n) => n.startsWith(w)))) return 2;
  if (p.code.includes(q)) return 3;
  if (foldVietnamese(p.sector).includes(q)) return 4;
  return undefined;
}

/** An offset cursor bound to the query it pages, so that a cursor is not replayed against another search. */
function encodeOffset(offset: number, fingerprint: string) {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

function decodeOffset(cursor: string | undefined, fingerprint: string): number {
  if (!cursor) return 0;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (Number.isInteger(value.o) && (value.o as number) >= 0 && value.f === fingerprint) return value.o as number;
  } catch {
    // reported below
  }
  throw badRequest('INVALID_CURSOR', 'cursor không hợp lệ cho truy vấn này (invalid cursor)', { fields: ['cursor'] });
}

/**
 * Tra cứu thủ tục — the versions in force on `today` (one per procedure), filtered by agency (competent or
 * receiving), sector and online mode, ranked by match then name, one page at a time.
 */
export function searchCatalogue(index: readonly ProcedureSummary[], query: CatalogueQuery, today: string) {
  const inForce = new Map<string, ProcedureSummary>();
  for (const v of index) {
    if (v.effectiveFrom > today) continue;
    const current = inForce.get(v.id);
    if (!current || current.effectiveFrom < v.effectiveFrom) inForce.set(v.id, v);
  }
  const sector = query.sector ? foldVietnamese(query.sector) : undefined;
  const ranked = [...inForce.values()]
    .filter(
      (p) =>
        (!query.agencyId || p.agencyId === query.agencyId || p.receivingAgencyIds.includes(query.agencyId)) &&
        (!query.onlineMode || p.onlineMode === query.onlineMode) &&
        (!sector || foldVietnamese(p.sector) === sector),
    )
    .map((p) => ({ p, rank: query.q ? rankMatch(query.q, p) : 0 }))
    .filter((e): e is { p: ProcedureSummary; rank: number } => e.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.p.name.localeCompare(b.p.name, 'vi') || a.p.id.localeCompare(b.p.id));
  const fingerprint = foldVietnamese(
    [query.q, query.agencyId, query.sector, query.onlineMode].map((v) => v ?? '').join('|'),
  );
  const offset = decodeOffset(query.cursor, fingerprint);
  const page = ranked.slice(offset, offset + query.limit);
  const next = offset + query.limit < ranked.length ? encodeOffset(offset + query.limit, fingerprint) : null;
  return { items: page.map(({ p }) => p), nextCursor: next, total: ranked.length };
}
