import { businessRule } from './errors';

export const AGENCY_KINDS = ['pasc', 'department', 'commune', 'police', 'vertical'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Which agency acts on a flow step (see `workflows/flow-schema.ts`). */
export type AgencySelector =
  | 'receiving'
  | 'competent'
  | 'chosen'
  | { code: string }
  | { kind: AgencyKind; unitOf: 'receiving' | 'applicant' };

/** What the resolution needs to know of an agency. */
export interface AgencyEntry {
  id: string;
  code: string;
  kind: AgencyKind;
  unitId: string;
}

/** What the resolution needs to know of a dossier. */
export interface RoutingFacts {
  receivingAgencyId: string;
  competentAgencyId: string;
  /** The agency the last forwarding decision named. */
  chosenAgencyId?: string;
  /** The administrative unit of the applicant's address. */
  applicantUnitId?: string;
}

/**
 * The agency responsible for a step of a dossier. Throws a business-rule error when the province has no such agency
 * (a fixed code or an agency kind missing in a unit), which the caller reports with the dossier.
 */
export function resolveAgency(selector: AgencySelector, facts: RoutingFacts, agencies: readonly AgencyEntry[]): string {
  if (selector === 'receiving') return facts.receivingAgencyId;
  if (selector === 'competent') return facts.competentAgencyId;
  if (selector === 'chosen') {
    if (!facts.chosenAgencyId) throw businessRule('NO_AGENCY_CHOSEN', 'Chưa chọn cơ quan nhận hồ sơ chuyển đến');
    return facts.chosenAgencyId;
  }
  if ('code' in selector) {
    const agency = agencies.find((a) => a.code === selector.code);
    if (!agency) throw businessRule('UNKNOWN_AGENCY', `Không có cơ quan mã ${selector.code}`, { code: selector.code });
    return agency.id;
  }
  const unitId =
    selector.unitOf === 'applicant'
      ? facts.applicantUnitId
      : agencies.find((a) => a.id === facts.receivingAgencyId)?.unitId;
  const agency = unitId ? agencies.find((a) => a.kind === selector.kind && a.unitId === unitId) : undefined;
  if (!agency) {
    throw businessRule(
      'NO_AGENCY_FOR_UNIT',
      `Không có cơ quan loại ${selector.kind} tại đơn vị hành chính ${unitId ?? '(chưa khai báo)'}`,
      { kind: selector.kind, unitId: unitId ?? null },
    );
  }
  return agency.id;
}

/** Selectors that must be resolvable by configuration alone, checked when a province's catalogue is built. */
export function fixedCodes(selectors: readonly AgencySelector[]): string[] {
  return selectors.flatMap((s) => (typeof s === 'object' && 'code' in s ? [s.code] : []));
}
