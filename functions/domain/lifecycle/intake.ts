import {
  type Actor,
  type Applicant,
  type Dossier,
  type DossierDocument,
  type HistoryEvent,
  notifyChannels,
} from '../dossier';
import type { ProcedureCase, ProcedureVersion } from '../procedure';
import type { DossierStatus } from '../status';
import { toVietnamIso } from '../vietnam-time';
import type { Channel, WorkingCalendar } from '../working-calendar';
import { clockChange } from './clock';
import { actedBy } from './history';
import { transitionEffect } from './transitions';

export interface NewDossierInput {
  code: string;
  version: ProcedureVersion;
  procedureCase: ProcedureCase;
  channel: Channel;
  applicant: Applicant;
  /** The channels asked for at submission (`false` turns one off); the default is every contact given. */
  notify?: { email?: boolean | undefined; sms?: boolean | undefined } | undefined;
  receivingAgencyId: string;
  /** The national portal's id of a dossier submitted there and handed over. */
  nationalId?: string | undefined;
  documents: DossierDocument[];
  formData: Record<string, unknown>;
  actor: Actor;
  now: number;
  calendar: WorkingCalendar;
}

/**
 * Tiếp nhận — a new dossier. An online submission waits for the one-stop desk (SUBMITTED, no clock); a counter
 * intake by a receiver is RECEIVED at once and its due date is set from the clock-start rules.
 */
export function createDossier(input: NewDossierInput): { dossier: Dossier; event: HistoryEvent } {
  const at = toVietnamIso(input.now);
  const receivedByDesk = input.actor.role === 'receiver';
  const status: DossierStatus = receivedByDesk ? 'RECEIVED' : 'SUBMITTED';
  const dossier: Dossier = {
    code: input.code,
    procedureId: input.version.id,
    procedureName: input.version.name,
    procedureVersion: input.version.effectiveFrom,
    caseId: input.procedureCase.id,
    flowId: input.procedureCase.flowId,
    ...(input.procedureCase.flowVersion ? { flowVersion: input.procedureCase.flowVersion } : {}),
    channel: input.channel,
    ...(input.nationalId ? { nationalId: input.nationalId } : {}),
    status,
    applicant: input.applicant,
    notify: notifyChannels(input.applicant, input.notify),
    receivingAgencyId: input.receivingAgencyId,
    competentAgencyId: input.version.agencyId ?? input.receivingAgencyId,
    agencyIds: [input.receivingAgencyId],
    documents: input.documents,
    formData: input.formData,
    submittedAt: at,
    // Where the flow begins: recorded now so that every (re)start of the execution begins here (flow-position.ts).
    currentStepId: receivedByDesk ? input.procedureCase.intakeStepId : input.procedureCase.startStepId,
    openTaskIds: [],
    taskCount: 0,
    historyCount: 1,
    version: 1,
  };
  const effect = transitionEffect(null, status);
  if (!effect) throw new Error(`no transition creates a ${status} dossier`);
  const rules = {
    calendar: input.calendar,
    duration: input.procedureCase.duration,
    supplementPolicy: 'restart' as const,
  };
  Object.assign(dossier, clockChange(effect.clock, { before: dossier, now: input.now, rules }));
  const event: HistoryEvent = {
    seq: 1,
    at,
    ...actedBy(input.actor),
    action: receivedByDesk ? 'receive' : 'submit',
    fromStatus: null,
    toStatus: status,
    note: null,
  };
  return { dossier, event };
}
