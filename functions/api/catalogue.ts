import * as z from 'zod';
import { catalogue, clock } from '../composition';
import { notFound } from '../domain/errors';
import { versionInForce } from '../domain/procedure';
import { matchRank } from '../domain/text-search';
import { localDate } from '../domain/vietnam-time';
import { httpHandler } from '../http/handler';
import { agencyId, listQuery, pagination, procedureId, text } from './schemas';

export const listAgencies = httpHandler({ roles: 'public', query: listQuery }, async () => {
  const province = await catalogue.province();
  return {
    body: {
      items: province.agencies.map(({ calendar: _calendar, email: _email, ...agency }) => agency),
      nextCursor: null,
    },
  };
});

const procedureQuery = z
  .object({
    ...pagination,
    q: text(100).optional(),
    agencyId: agencyId.optional(),
    onlineMode: z.enum(['full', 'partial', 'none']).optional(),
  })
  .strict();

/** Danh mục thủ tục — the catalogue; `q` ignores case and diacritics and ranks name matches first. */
export const listProcedures = httpHandler({ roles: 'public', query: procedureQuery }, async ({ query }) => {
  const page = await catalogue.listProcedures(query.limit, query.cursor);
  const items = page.items
    .filter(
      (p) =>
        (!query.agencyId || p.agencyId === query.agencyId || p.receivingAgencyIds.includes(query.agencyId)) &&
        (!query.onlineMode || p.onlineMode === query.onlineMode),
    )
    .map((p) => ({ p, rank: query.q ? matchRank(query.q, p.name, p.id) : 0 }))
    .filter((entry): entry is { p: typeof entry.p; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .map(({ p }) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      sector: p.sector,
      agencyId: p.agencyId,
      onlineMode: p.onlineMode,
    }));
  return { body: { items, nextCursor: page.nextCursor } };
});

export const getProcedure = httpHandler({ roles: 'public', path: z.object({ id: procedureId }) }, async ({ path }) => {
  const version = versionInForce(await catalogue.procedureVersions(path.id), localDate(clock.now()));
  if (!version) throw notFound('procedure', path.id);
  return { body: version };
});
