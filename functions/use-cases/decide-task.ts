import { calendarOf, catalogue, clock, dossiers, tasks, workflows } from '../composition';
import { type Actor, type Dossier, dossierCodeOfTask } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { foldAnswers } from '../domain/lifecycle/answers';
import { checkReadTogether, type DecisionInput, EXTEND, recordDecision, STOP } from '../domain/lifecycle/decisions';
import { extendDueDate } from '../domain/lifecycle/extension';
import { checkSupplementRequest } from '../domain/lifecycle/supplement';
import { stopDossier } from './close-dossier';
import { retryOnStaleVersion } from './retry-on-stale-version';
import { settleDecision } from './settle-decision';
import { attachDocuments, resolveDocuments } from './submit-dossier';

export interface DecideInput {
  decision: string;
  note?: string;
  version?: number;
  resultNumber?: string;
  documents?: { componentCode: string; uploadId: string }[];
  deliveryMethod?: 'counter' | 'post' | 'online';
  waybillNumber?: string;
  dueAt?: string;
  agencyId?: string;
}

/**
 * Xử lý công việc — an officer's decision (role, agency, open state and version checked by the domain) is recorded,
 * applied and the next step opened in one change (`settleDecision`), then the waiting step is resumed. If the step has
 * no live token yet (it is being (re)opened), the step delivers the settled route itself when it attaches its token:
 * the decision is never lost and never applied twice.
 */
export async function decideTask(actor: Actor, taskId: string, input: DecideInput) {
  if (input.decision === EXTEND) return extendTask(actor, taskId, input);
  if (input.decision === STOP) {
    const stopped = await stopDossier(actor, taskId, input.note);
    return { dossierCode: stopped.code, status: stopped.status, taskId };
  }
  // Without a version from the client, a race lost to the flow itself (the step attaching a fresh token between our
  // read and write) or to another writer of the dossier is retried on the new state.
  const once = async () => {
    // The task and its dossier at once (the task's id names its dossier): settling needs both.
    const code = dossierCodeOfTask(taskId);
    const [task, read] = await Promise.all([tasks.getTask(taskId), code ? dossiers.getDossier(code) : undefined]);
    if (!task) throw notFound('task', taskId);
    const decisionInput: DecisionInput = {
      decision: input.decision,
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(input.resultNumber !== undefined ? { resultNumber: input.resultNumber } : {}),
      ...(input.deliveryMethod !== undefined ? { deliveryMethod: input.deliveryMethod } : {}),
      ...(input.waybillNumber !== undefined ? { waybillNumber: input.waybillNumber } : {}),
      ...(input.agencyId !== undefined ? { agencyId: input.agencyId } : {}),
    };
    const now = clock.now();
    const { agencies } = await catalogue.province();
    const decided = recordDecision(task, decisionInput, actor, input.version, now, agencies);
    const dossier = read ?? (await dossiers.getDossier(task.dossierCode));
    if (!dossier) throw notFound('dossier', task.dossierCode);
    checkReadTogether(task, dossier);
    if (task.decisions[input.decision]?.status === 'SUPPLEMENT_REQUESTED') {
      checkSupplementRequest(dossier, input.note, now, await calendarOf(dossier.receivingAgencyId));
    }
    if (decided.result && input.documents) {
      decided.result.documents = await attachDocuments(
        task.dossierCode,
        await resolveDocuments(actor, input.documents),
      );
    }
    // With the client's version, the task was checked against it; a race lost on the dossier alone (another step,
    // the applicant) is retried here on a fresh read of it, and a change of the task still fails the write.
    let known: Dossier | undefined = dossier;
    const settle = () => {
      const options = known ? { dossier: known } : {};
      known = undefined;
      return settleDecision(task, decided, options);
    };
    const settled = input.version === undefined ? await settle() : await retryOnStaleVersion(settle);
    if (task.token) await workflows.sendDecision(task.token, settled.output);
    return { dossierCode: task.dossierCode, status: settled.dossier.status, taskId: task.id };
  };
  return input.version === undefined ? retryOnStaleVersion(once) : once();
}

/**
 * Apology and re-appointment: the dossier's due date moves once; the task stays open in the inbox. The tasks and the
 * dossier are read at once, so a decision between the two reads is caught as for a decision (`checkReadTogether`),
 * and, without a version from the client, read again like any race lost on the dossier.
 */
async function extendTask(actor: Actor, taskId: string, input: DecideInput) {
  const code = dossierCodeOfTask(taskId);
  if (!code) throw notFound('task', taskId);
  const once = async () => {
    const [all, read] = await Promise.all([tasks.getTasks(code), dossiers.getDossier(code)]);
    const task = all.find((t) => t.id === taskId);
    if (!task) throw notFound('task', taskId);
    if (!read) throw notFound('dossier', code);
    checkReadTogether(task, read);
    // Answers settled by parallel branches join the dossier before the extension's entry, in the order they came.
    const answered = foldAnswers(read, all);
    const dossier = answered.dossier;
    const calendar = await calendarOf(dossier.receivingAgencyId);
    const extended = extendDueDate(
      dossier,
      task,
      actor,
      { newDueAt: input.dueAt, reason: input.note },
      clock.now(),
      calendar,
    );
    await dossiers.recordEvents(read.version, extended.dossier, [
      ...answered.events,
      { event: extended.event, dossier: extended.dossier },
    ]);
    return {
      dossierCode: dossier.code,
      status: extended.dossier.status,
      taskId: task.id,
      dueAt: extended.dossier.dueAt,
    };
  };
  return input.version === undefined ? retryOnStaleVersion(once) : once();
}
