import { catalogue, clock, dossiers, downloads } from '../composition';
import type { Actor, Dossier, DossierDocument, Task } from '../domain/dossier';
import { canReadDossier } from '../domain/dossier-access';
import { notFound } from '../domain/errors';
import { buildForm, type FormId } from '../domain/forms';
import { withAnswers } from '../domain/lifecycle/answers';
import { allowedDecisions } from '../domain/lifecycle/decisions';
import { STATUS_CODES } from '../domain/status';
import { stepOnTime, timeliness } from '../domain/timeliness';
import { readableKey } from './file-documents';

export async function readableDossier(actor: Actor, code: string): Promise<Dossier> {
  const dossier = await dossiers.getDossier(code);
  return readable(actor, code, dossier);
}

/** A dossier the caller may not read answers like one that does not exist: codes are guessable. */
function readable<T extends Dossier>(actor: Actor, code: string, dossier: T | undefined): T {
  if (!dossier || !canReadDossier(actor, dossier)) throw notFound('dossier', code);
  return dossier;
}

/**
 * The dossier with its tasks and history (one query), for a caller who may read it: with the answers that parallel
 * branches settled on their tasks and the dossier has not taken in yet, as it will take them in.
 */
export async function readableRecord(actor: Actor, code: string) {
  const record = await dossiers.getDossierRecord(code);
  readable(actor, code, record?.dossier);
  return withAnswers(record!);
}

export function taskView(task: Task) {
  return {
    id: task.id,
    dossierCode: task.dossierCode,
    procedureId: task.procedureId,
    stepId: task.stepId,
    stepName: task.stepName,
    role: task.role,
    agencyId: task.agencyId,
    openedAt: task.openedAt,
    dueAt: task.dueAt,
    overdue: task.overdue,
    version: task.version,
    allowedDecisions: allowedDecisions(task),
  };
}

export function summaryView(dossier: Dossier, now: number) {
  return {
    code: dossier.code,
    procedureId: dossier.procedureId,
    procedureName: dossier.procedureName,
    status: dossier.status,
    statusCode: STATUS_CODES[dossier.status],
    channel: dossier.channel,
    receivingAgencyId: dossier.receivingAgencyId,
    submittedAt: dossier.submittedAt,
    receivedAt: dossier.receivedAt ?? null,
    dueAt: dossier.dueAt ?? null,
    finishedAt: dossier.finishedAt ?? null,
    timeliness: timeliness(dossier.dueAt, dossier.finishedAt, now, dossier.status === 'STOPPED'),
  };
}

export async function dossierDetail(actor: Actor, code: string) {
  const { dossier, history, tasks } = await readableRecord(actor, code);
  const documentView = ({ key: _key, sourceKey: _source, ...document }: DossierDocument) => ({
    ...document,
    href: `/dossiers/${code}/documents/${document.uploadId}`,
  });
  const documents = dossier.documents.map(documentView);
  const result = dossier.result ? { ...dossier.result, documents: dossier.result.documents.map(documentView) } : null;
  return {
    ...summaryView(dossier, clock.now()),
    caseId: dossier.caseId,
    procedureVersion: dossier.procedureVersion,
    competentAgencyId: dossier.competentAgencyId,
    applicant: {
      fullName: dossier.applicant.fullName,
      idNumber: dossier.applicant.idNumber,
      phone: dossier.applicant.phone ?? null,
      email: dossier.applicant.email ?? null,
      address: dossier.applicant.address ?? null,
      addressUnitId: dossier.applicant.addressUnitId ?? null,
    },
    flowId: dossier.flowId,
    flowVersion: dossier.flowVersion ?? null,
    currentStepId: dossier.currentStepId ?? null,
    forwardedTo: dossier.chosenAgencyId ?? null,
    /** Answers of agencies asked in parallel (consultations, linked procedures), late ones flagged. */
    parallelAnswers: dossier.parallelAnswers ?? [],
    formData: dossier.formData,
    documents,
    result,
    delivery: dossier.delivery ?? null,
    deliveredAt: dossier.deliveredAt ?? null,
    version: dossier.version,
    history: history.map((h) => ({
      at: h.at,
      actor: h.actor,
      role: h.role,
      agencyId: h.agencyId,
      action: h.action,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      note: h.note,
      stepId: h.stepId ?? null,
      stepDueAt: h.stepDueAt ?? null,
      dueAt: h.dueAt ?? null,
    })),
    tasks: tasks.filter((t) => t.state === 'OPEN').map(taskView),
  };
}

/**
 * A download link for one document of a dossier (submitted, supplemented or a result), for those who may read the
 * dossier: presigned when asked for, so that reading a dossier signs nothing.
 */
export async function dossierDocument(actor: Actor, code: string, uploadId: string) {
  const dossier = await readableDossier(actor, code);
  const document = [...dossier.documents, ...(dossier.result?.documents ?? [])].find((d) => d.uploadId === uploadId);
  if (!document) throw notFound('document', uploadId);
  const { key: _key, sourceKey: _source, ...shown } = document;
  return { ...shown, ...(await downloads.presignDownload(await readableKey(document), document.fileName)) };
}

/** A printable form of the dossier, for those who may read the dossier. */
export async function dossierForm(actor: Actor, code: string, form: FormId) {
  const { dossier, history, tasks } = await readableRecord(actor, code);
  const [versions, province] = await Promise.all([
    catalogue.procedureVersions(dossier.procedureId, dossier.procedureVersion),
    catalogue.province(),
  ]);
  return buildForm(form, {
    dossier,
    history,
    tasks,
    version: versions.find((v) => v.effectiveFrom === dossier.procedureVersion),
    agencyName: (id) => province.agencies.find((a) => a.id === id)?.name ?? id ?? '',
  });
}

/**
 * Tra cứu hồ sơ — public progress without personal data. With the applicant's ID number it adds the steps down to
 * the handling agency (Circular 01/2018 Art.16.2d); a wrong ID number gets the anonymous view, not an error.
 */
export async function lookup(code: string, idNumber: string | undefined) {
  const dossier = await dossiers.getDossier(code);
  if (!dossier) throw notFound('dossier', code);
  const province = await catalogue.province();
  const agencyName = (id: string) => province.agencies.find((a) => a.id === id)?.name ?? id;
  const view = {
    code: dossier.code,
    procedureName: dossier.procedureName,
    agencyName: agencyName(dossier.receivingAgencyId),
    status: dossier.status,
    statusCode: STATUS_CODES[dossier.status],
    receivedAt: dossier.receivedAt ?? null,
    dueAt: dossier.dueAt ?? null,
    finishedAt: dossier.finishedAt ?? null,
    timeliness: timeliness(dossier.dueAt, dossier.finishedAt, clock.now(), dossier.status === 'STOPPED'),
  };
  if (!idNumber || idNumber !== dossier.applicant.idNumber) return view;
  const { tasks, history } = (await dossiers.getDossierRecord(code)) ?? { tasks: [], history: [] };
  const steps = tasks
    .sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1))
    .map((task) => {
      const finished = history.find(
        (h) => h.stepId === task.stepId && h.at >= task.openedAt && h.action.startsWith(`${task.stepId}:`),
      );
      return {
        name: task.stepName,
        agencyName: agencyName(task.agencyId),
        startedAt: task.openedAt,
        dueAt: task.dueAt,
        finishedAt: task.state === 'OPEN' ? null : (finished?.at ?? task.decided?.decidedAt ?? null),
        onTime: stepOnTime(task),
      };
    });
  return { ...view, steps };
}
