import { isFigureEvent } from '../domain/events';
import { differences, recount, shardOf } from '../domain/figures';
import type { CatalogueStore, FigureHistory } from '../domain/ports';

/**
 * Đối soát số liệu — computes every counter again from the history alone (for a new figure, or after a bug) and
 * reports how the stored figures differ; with `apply`, rewrites what differs. Run it while no event is being applied
 * (the figures reaction paused, or the local runtime stopped): a change counted between the scan and the rewrite
 * would be overwritten, and the next recount would report it. An operator's command, not a function: it is given the
 * two ports it uses rather than the whole composition (whose other adapters need a function's configuration).
 */
export async function recountFigures(
  { figureHistory, catalogue }: { figureHistory: FigureHistory; catalogue: Pick<CatalogueStore, 'province'> },
  { apply }: { apply: boolean },
) {
  const stored = await figureHistory.scan();
  const kinds = new Map((await catalogue.province()).agencies.map((a) => [a.id, a.kind]));
  const expected = recount(
    stored.events,
    (code) => stored.channels.get(code),
    (code, agencyId) => shardOf(code, kinds.get(agencyId)),
    isFigureEvent,
  );
  const found = differences(expected, stored);
  const rewrite = apply && (found.items.length > 0 || found.places.length > 0);
  if (rewrite) {
    await figureHistory.overwrite(
      new Map(found.items.map((d) => [d.id, expected.items.get(d.id)])),
      new Map(found.places.map((code) => [code, expected.places.get(code)])),
    );
  }
  return {
    events: stored.events.length,
    dossiers: expected.places.size,
    items: expected.items.size,
    differences: found,
    rewritten: rewrite,
  };
}
