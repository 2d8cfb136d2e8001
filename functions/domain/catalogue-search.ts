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
  return rankFolded(foldVietnamese(query), folding(p));
}

interface Folded {
  name: string;
  words: string[];
  sector: string;
  code: string;
}

const folding = (p: Pick<ProcedureSummary, 'name' | 'code' | 'sector'>): Folded => {
  const name = foldVietnamese(p.name);
  return { name, words: name.split(' '), sector: foldVietnamese(p.sector), code: p.code };
};

function rankFolded(q: string, p: Folded): number | undefined {
  if (!q) return 0;
  if (p.name.startsWith(q)) return 0;
  if (p.name.includes(q)) return 1;
  if (q.split(' ').every((w) => p.words.some((n) => n.startsWith(w)))) return 2;
  if (p.code.includes(q)) return 3;
  if (p.sector.includes(q)) return 4;
  return undefined;
}

const VIETNAMESE = new Intl.Collator('vi');

/** Folded names of an index, computed once per loaded index (a warm container reuses its cached index). */
const foldedIndexes = new WeakMap<readonly ProcedureSummary[], Map<ProcedureSummary, Folded>>();
function foldedOf(index: readonly ProcedureSummary[]) {
  let folded = foldedIndexes.get(index);
  if (!folded) {
    folded = new Map(index.map((p) => [p, folding(p)]));
    foldedIndexes.set(index, folded);
  }
  return folded;
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
  const folded = foldedOf(index);
  const sector = query.sector ? foldVietnamese(query.sector) : undefined;
  const q = foldVietnamese(query.q ?? '');
  const ranked = [...inForce.values()]
    .filter(
      (p) =>
        (!query.agencyId || p.agencyId === query.agencyId || p.receivingAgencyIds.includes(query.agencyId)) &&
        (!query.onlineMode || p.onlineMode === query.onlineMode) &&
        (!sector || folded.get(p)!.sector === sector),
    )
    .map((p) => ({ p, rank: rankFolded(q, folded.get(p)!) }))
    .filter((e): e is { p: ProcedureSummary; rank: number } => e.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || VIETNAMESE.compare(a.p.name, b.p.name) || (a.p.id < b.p.id ? -1 : 1));
  const fingerprint = foldVietnamese(
    [query.q, query.agencyId, query.sector, query.onlineMode].map((v) => v ?? '').join('|'),
  );
  const offset = decodeOffset(query.cursor, fingerprint);
  const page = ranked.slice(offset, offset + query.limit);
  const next = offset + query.limit < ranked.length ? encodeOffset(offset + query.limit, fingerprint) : null;
  return { items: page.map(({ p }) => p), nextCursor: next, total: ranked.length };
}
