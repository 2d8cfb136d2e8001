import { catalogue, clock } from '../composition';
import { searchCatalogue } from '../domain/catalogue-search';
import { notFound } from '../domain/errors';
import { versionInForce } from '../domain/procedure';
import { localDate } from '../domain/vietnam-time';
import { httpHandler } from '../http/handler';
import { getProcedureSpec, listAgenciesSpec, listProceduresSpec } from './specs';

export const listAgencies = /* @__PURE__ */ httpHandler(listAgenciesSpec, async () => {
  const province = await catalogue.province();
  return {
    body: {
      items: province.agencies.map(({ calendar: _calendar, email: _email, leaderEmail: _leader, ...agency }) => agency),
      units: province.units ?? [],
      nextCursor: null,
    },
  };
});

/**
 * Danh mục thủ tục — the procedures in force, searchable: `q` ignores case and Vietnamese diacritics and ranks name
 * matches first; `agencyId`, `sector` and `onlineMode` filter; paginated with an opaque cursor.
 */
export const listProcedures = /* @__PURE__ */ httpHandler(listProceduresSpec, async ({ query }) => {
  const index = await catalogue.catalogueIndex();
  const page = searchCatalogue(
    index,
    {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.agencyId ? { agencyId: query.agencyId } : {}),
      ...(query.sector ? { sector: query.sector } : {}),
      ...(query.onlineMode ? { onlineMode: query.onlineMode } : {}),
    },
    localDate(clock.now()),
  );
  return { body: page };
});

export const getProcedure = /* @__PURE__ */ httpHandler(getProcedureSpec, async ({ path }) => {
  const version = versionInForce(await catalogue.procedureVersions(path.id), localDate(clock.now()));
  if (!version) throw notFound('procedure', path.id);
  return { body: version };
});
