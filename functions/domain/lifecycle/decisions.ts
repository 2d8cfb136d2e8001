import type { AgencyEntry } from '../agency-selector';
import type { Actor, Dossier, DossierDocument, RecordedDecision, Task } from '../dossier';
import { businessRule, conflict, forbidden } from '../errors';
import { toVietnamIso } from '../vietnam-time';

/** The side decision a leader may take on any open task: stop processing the dossier. */
export const STOP = 'stop';

/** The side decision a leader may take on any open task of the agency: apology and a new due date. */
export const EXTEND = 'extend';

/** Decisions an officer may take on a task: the step's own, plus the apology/re-appointment for its leader. */
export function allowedDecisions(task: Task): string[] {
  // The applicant answers through POST /dossiers/{code}/supplement; the lapse is the system's.
  const own = task.decisionOrder ?? Object.keys(task.decisions);
  if (task.kind && task.kind !== 'officer') return own.filter((d) => d !== task.timeoutDecision);
  return [...own, ...(task.role === 'leader' ? [EXTEND, STOP].filter((d) => !own.includes(d)) : [])];
}

export interface DecisionInput {
  decision: string;
  note?: string;
  resultNumber?: string;
  resultDocuments?: DossierDocument[];
  deliveryMethod?: 'counter' | 'post' | 'online';
  waybillNumber?: string;
  /** For a forwarding decision: the agency the dossier goes to. */
  agencyId?: string;
}

/**
 * A task and its dossier are read at the same time, not in one read: a task read open that its dossier no longer
 * lists as open was decided (or closed) by another writer between the two reads. STALE_VERSION: read both again, and
 * the task then says what happened to it (a concurrent officer hears 409 TASK_ALREADY_DECIDED, never a 422 from a
 * rule checked against the dossier's later state).
 */
export function checkReadTogether(task: Task, dossier: Pick<Dossier, 'openTaskIds' | 'version'>) {
  if (task.state === 'OPEN' && !dossier.openTaskIds.includes(task.id)) {
    throw conflict('STALE_VERSION', `Hồ sơ đã thay đổi khi đọc công việc ${task.id}`, { version: dossier.version });
  }
}

/**
 * Quyết định trên một công việc — checks that the officer may decide this task (same role and agency, task still
 * open, decision allowed by the step, version current) and records the decision. The flow applies it afterwards.
 */
export function recordDecision(
  task: Task,
  input: DecisionInput,
  actor: Actor,
  expectedVersion: number | undefined,
  now: number,
  agencies: readonly AgencyEntry[] = [],
) {
  if (actor.role !== task.role || actor.agencyId !== task.agencyId) {
    throw forbidden('Công việc này thuộc vai trò hoặc cơ quan khác (task belongs to another role or agency)');
  }
  if (task.state !== 'OPEN') throw conflict('TASK_ALREADY_DECIDED', `Công việc ${task.id} đã được xử lý`);
  if (expectedVersion !== undefined && expectedVersion !== task.version) {
    throw conflict('STALE_VERSION', `Công việc ${task.id} đã thay đổi (version ${task.version})`, {
      version: task.version,
    });
  }
  const route = task.decisions[input.decision];
  if (!route || !allowedDecisions(task).includes(input.decision)) {
    throw businessRule(
      'DECISION_NOT_ALLOWED',
      `Quyết định "${input.decision}" không áp dụng cho bước ${task.stepName}`,
      {
        allowedDecisions: allowedDecisions(task),
      },
    );
  }
  if (route.noteRequired && (!input.note || input.note.length < 5)) {
    throw businessRule('NOTE_REQUIRED', `Quyết định "${input.decision}" phải nêu rõ lý do hoặc nội dung (note)`, {
      fields: ['note'],
    });
  }
  const decided: RecordedDecision = {
    decision: input.decision,
    note: input.note ?? null,
    actor,
    decidedAt: toVietnamIso(now),
  };
  if (route.chooseAgency) decided.forwardTo = checkForward(route.chooseAgency.kinds, input.agencyId, task, agencies);
  if (route.status === 'RESULT_READY') {
    if (!input.resultNumber) {
      throw businessRule('RESULT_REQUIRED', 'Cần số hiệu văn bản kết quả (resultNumber) để phê duyệt', {
        fields: ['resultNumber'],
      });
    }
    decided.result = { number: input.resultNumber, documents: input.resultDocuments ?? [] };
  }
  if (route.status === 'DELIVERED') {
    const method = input.deliveryMethod ?? 'counter';
    if (method === 'post' && !input.waybillNumber) {
      throw businessRule('WAYBILL_REQUIRED', 'Trả kết quả qua bưu chính cần mã vận đơn (waybillNumber)', {
        fields: ['waybillNumber'],
      });
    }
    decided.delivery = { method, ...(input.waybillNumber ? { waybillNumber: input.waybillNumber } : {}) };
  }
  return decided;
}

/** Chuyển liên thông — the named agency must exist, be of an allowed kind, and not be the forwarding agency itself. */
function checkForward(
  kinds: readonly string[],
  agencyId: string | undefined,
  task: Task,
  agencies: readonly AgencyEntry[],
) {
  if (!agencyId) {
    throw businessRule('AGENCY_REQUIRED', 'Cần chọn cơ quan nhận hồ sơ chuyển đến (agencyId)', {
      fields: ['agencyId'],
      kinds,
    });
  }
  const agency = agencies.find((a) => a.id === agencyId);
  if (!agency || !kinds.includes(agency.kind) || agency.id === task.agencyId) {
    throw businessRule('AGENCY_NOT_ALLOWED', `Không thể chuyển hồ sơ đến cơ quan ${agencyId}`, {
      fields: ['agencyId'],
      kinds,
      allowed: agencies.filter((a) => kinds.includes(a.kind) && a.id !== task.agencyId).map((a) => a.id),
    });
  }
  return agency.id;
}
