import type { Channel, Duration } from './working-calendar';

/** Lệ phí — a fee of a procedure case, which may differ by channel (online is often cheaper). */
export interface Fee {
  name: string;
  amount: number;
  channel: Channel | 'any';
}

/** Thành phần hồ sơ — a document component the applicant submits. */
export interface Component {
  code: string;
  name: string;
  mandatory: boolean;
  formUrl?: string;
}

/** Trường hợp — a case of a procedure with its own duration, fees and internal flow. */
export interface ProcedureCase {
  id: string;
  name: string;
  duration: Duration;
  fees: Fee[];
  flowId: string;
  /** The flow version the catalogue was built against (the deployed state machine runs the latest). */
  flowVersion?: number;
  /** The flow's first step for an online submission, and where a counter intake starts. */
  startStepId: string;
  intakeStepId: string;
  /** Working hours allotted to each step of the flow, for this case. */
  stepHours: Record<string, number>;
  /** The flow routes a step to the applicant's commune: the applicant's address unit is required. */
  requiresAddressUnit?: boolean;
}

/** Phiên bản thủ tục hành chính — one version of a procedure, in force from `effectiveFrom`. */
export interface ProcedureVersion {
  id: string;
  code: string;
  name: string;
  sector: string;
  /** Cơ quan giải quyết; absent for commune-level procedures, decided by the commune that receives the dossier. */
  agencyId?: string;
  receivingAgencyIds: string[];
  onlineMode: 'full' | 'partial' | 'none';
  effectiveFrom: string;
  legalBasis: string[];
  components: Component[];
  cases: ProcedureCase[];
}

/** The procedure case a dossier is pinned to: its case of the version in force when it was received. */
export function caseOf(
  versions: ProcedureVersion[],
  dossier: { procedureVersion: string; caseId: string },
): ProcedureCase | undefined {
  return versions.find((v) => v.effectiveFrom === dossier.procedureVersion)?.cases.find((c) => c.id === dossier.caseId);
}

export function versionInForce<T extends { effectiveFrom: string }>(versions: T[], date: string): T | undefined {
  return versions
    .filter((v) => v.effectiveFrom <= date)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** Kiểm tra tính đầy đủ — which mandatory components are missing and which submitted codes the version lacks. */
export function checkComponents(version: ProcedureVersion, componentCodes: string[]) {
  const known = new Set(version.components.map((c) => c.code));
  const given = new Set(componentCodes);
  return {
    missing: version.components.filter((c) => c.mandatory && !given.has(c.code)).map((c) => c.code),
    unknown: componentCodes.filter((code) => !known.has(code)),
  };
}
