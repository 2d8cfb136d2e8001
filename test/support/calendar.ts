import { WorkingCalendar } from '../../functions/domain/working-calendar';
import { loadProvince } from '../../infra/province';
import { provinceSettings } from '../../infra/province/settings';

/** The real Phú Thọ calendar (2025–2027 holidays) as an agency of the province sees it. */
export function phuThoCalendar(agencyId = '000.00.12.H45'): WorkingCalendar {
  const settings = provinceSettings(loadProvince('phu-tho').province);
  const agency = settings.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new Error(`no agency ${agencyId}`);
  return new WorkingCalendar(agency.calendar);
}

export const vn = (local: string) => Date.parse(`${local}+07:00`);
