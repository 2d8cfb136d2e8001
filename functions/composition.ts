import { DynamoCatalogueStore } from './adapters/catalogue-repository';
import { DynamoDossierStore } from './adapters/dossier-repository';
import { notFound } from './domain/errors';
import { WorkingCalendar } from './domain/working-calendar';

/**
 * The one place that wires ports to adapters. Handlers and steps import from here; tests replace what they need.
 * The clock is a port too: the domain never reads the time itself.
 */
export const dossiers = new DynamoDossierStore();
export const catalogue = new DynamoCatalogueStore();
export const clock = { now: () => Date.now() };

const calendars = new Map<string, { settings: unknown; calendar: WorkingCalendar }>();

/** The working calendar of an agency, rebuilt only when the province settings object changes. */
export async function calendarOf(agencyId: string): Promise<WorkingCalendar> {
  const province = await catalogue.province();
  const agency = province.agencies.find((a) => a.id === agencyId);
  if (!agency) throw notFound('agency', agencyId);
  const cached = calendars.get(agencyId);
  if (cached && cached.settings === agency.calendar) return cached.calendar;
  const calendar = new WorkingCalendar(agency.calendar);
  calendars.set(agencyId, { settings: agency.calendar, calendar });
  return calendar;
}
