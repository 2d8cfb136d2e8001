import type { ProvinceSettings } from '../../functions/domain/province-settings';
import { FLOWS } from '../../workflows/flows';
import type { ProvinceConfig } from './schema';

/** The run-time view of a province config that handlers read from the table: agencies with their calendars. */
export function provinceSettings(province: ProvinceConfig): ProvinceSettings {
  return {
    id: province.id,
    name: province.name,
    uploads: province.uploads,
    supplementPolicy: province.supplementPolicy,
    fromEmail: province.notifications.fromEmail,
    lookupUrl: province.notifications.lookupUrl,
    officerNotices: province.notifications.officers,
    flowIds: [...FLOWS.keys()],
    units: province.units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      ...(u.validTo ? { validTo: u.validTo } : {}),
      ...(u.successorId ? { successorId: u.successorId } : {}),
    })),
    agencies: province.agencies.map((agency) => {
      const hours = agency.officeHours ?? province.officeHours;
      return {
        id: agency.id,
        code: agency.code,
        name: agency.name,
        kind: agency.kind,
        parentId: agency.parentId,
        unitId: agency.unitId,
        ...(agency.email ? { email: agency.email } : {}),
        ...(agency.leaderEmail ? { leaderEmail: agency.leaderEmail } : {}),
        calendar: {
          sessions: hours.sessions,
          saturdayMorning: hours.saturdayMorning,
          holidays: province.holidays.map((h) => h.date),
          compensatoryWorkingDays: province.compensatoryWorkingDays.map((d) => d.date),
        },
      };
    }),
  };
}
