import type { Dossier, HistoryEvent, Task } from './dossier';
import { businessRule } from './errors';
import type { ProcedureVersion } from './procedure';
import { STATUS_CODES } from './status';
import { stepOnTime } from './timeliness';

/** The forms the one-stop desk prints (Circular 01/2018/TT-VPCP, kept by Decree 118/2025), as data to render. */
export const FORMS = ['01', '02', '03', '04', '05'] as const;
export type FormId = (typeof FORMS)[number];

export interface FormContext {
  dossier: Dossier;
  history: HistoryEvent[];
  tasks: Task[];
  version: ProcedureVersion | undefined;
  agencyName: (id: string | null) => string;
}

const notApplicable = (form: FormId, why: string) =>
  businessRule('FORM_NOT_APPLICABLE', `Mẫu ${form} chưa áp dụng cho hồ sơ này: ${why}`);

function header(form: FormId, title: string, { dossier, agencyName }: FormContext) {
  return {
    form,
    title,
    agency: agencyName(dossier.receivingAgencyId),
    code: dossier.code,
    procedure: { id: dossier.procedureId, name: dossier.procedureName, version: dossier.procedureVersion },
    applicant: {
      fullName: dossier.applicant.fullName,
      idNumber: dossier.applicant.idNumber,
      address: dossier.applicant.address ?? null,
    },
  };
}

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả: what was received and when the result is due. */
function receipt(ctx: FormContext) {
  const { dossier, version, history } = ctx;
  if (!dossier.receivedAt) throw notApplicable('01', 'hồ sơ chưa được tiếp nhận');
  const received = history.find((h) => h.toStatus === 'RECEIVED');
  const names = new Map(version?.components.map((c) => [c.code, c.name]) ?? []);
  const procedureCase = version?.cases.find((c) => c.id === dossier.caseId);
  return {
    ...header('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', ctx),
    // The QR code a desk prints carries the lookup key; the portal resolves it to GET /lookup/{code}.
    qrPayload: `motcua:lookup:${dossier.code}`,
    receivedAt: dossier.receivedAt,
    receivedBy: received?.actor ?? null,
    channel: dossier.channel,
    components: dossier.documents.map((d) => ({
      code: d.componentCode,
      name: names.get(d.componentCode) ?? d.componentCode,
      fileName: d.fileName,
    })),
    fees: (procedureCase?.fees ?? []).filter((f) => f.channel === 'any' || f.channel === dossier.channel),
    dueAt: dossier.dueAt ?? null,
    returnAt: ctx.agencyName(dossier.receivingAgencyId),
  };
}

/** Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing, in one notice, and its deadline. */
function supplementRequest(ctx: FormContext) {
  const request = ctx.dossier.supplements?.at(-1);
  if (!request) throw notApplicable('02', 'hồ sơ không có yêu cầu bổ sung');
  const waiting = ctx.tasks.find((t) => t.kind === 'applicant' && t.openedAt >= request.requestedAt);
  return {
    ...header('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', ctx),
    requestedAt: request.requestedAt,
    requestingAgency: ctx.agencyName(request.agencyId),
    items: request.note,
    deadline: waiting?.dueAt ?? null,
    respondedAt: request.respondedAt ?? null,
  };
}

/** Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ: the refusal and its reasons. */
function refusal(ctx: FormContext) {
  const refused = ctx.history.find((h) => h.toStatus === 'REFUSED');
  if (!refused) throw notApplicable('03', 'hồ sơ không bị từ chối');
  return {
    ...header('03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', ctx),
    refusedAt: refused.at,
    refusedBy: refused.actor,
    agencyOfRefusal: ctx.agencyName(refused.agencyId),
    reasons: refused.note,
  };
}

/** Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
function apology(ctx: FormContext) {
  const extension = ctx.dossier.extension;
  if (!extension) throw notApplicable('04', 'hồ sơ chưa được hẹn lại');
  return {
    ...header('04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', ctx),
    issuedAt: extension.at,
    issuingAgency: ctx.agencyName(extension.agencyId),
    reason: extension.reason,
    previousDueAt: extension.previousDueAt,
    newDueAt: extension.newDueAt,
  };
}

/** Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ: each handover, its due time and whether it was on time. */
function controlSlip(ctx: FormContext) {
  const steps = [...ctx.tasks]
    .sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0))
    .map((task) => {
      const finishedAt = task.decided?.decidedAt ?? null;
      return {
        step: task.stepName,
        agency: ctx.agencyName(task.agencyId),
        role: task.role,
        receivedAt: task.openedAt,
        dueAt: task.dueAt,
        finishedAt,
        handledBy: task.decided?.actor.sub ?? null,
        decision: task.decided?.decision ?? null,
        onTime: stepOnTime(task),
        note: task.decided?.note ?? null,
      };
    });
  return {
    ...header('05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', ctx),
    receivedAt: ctx.dossier.receivedAt ?? null,
    dueAt: ctx.dossier.dueAt ?? null,
    status: ctx.dossier.status,
    statusCode: STATUS_CODES[ctx.dossier.status],
    steps,
  };
}

export function buildForm(form: FormId, ctx: FormContext) {
  switch (form) {
    case '01':
      return receipt(ctx);
    case '02':
      return supplementRequest(ctx);
    case '03':
      return refusal(ctx);
    case '04':
      return apology(ctx);
    case '05':
      return controlSlip(ctx);
  }
}
