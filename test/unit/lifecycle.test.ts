import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type Dossier,
  type StepSpec,
  StepSupersededError,
  type Task,
} from '../../functions/domain/dossier';
import { AppError } from '../../functions/domain/errors';
import { startStep } from '../../functions/domain/flow-position';
import {
  allowedDecisions,
  applyDecision,
  checkSupplementRequest,
  createDossier,
  extendDueDate,
  openTask,
  recordDecision,
  recordLapse,
  recordSupplement,
  withdraw,
} from '../../functions/domain/lifecycle';
import { loadProvince } from '../../infra/province';
import { phuThoCalendar, vn } from '../support/calendar';

const calendar = phuThoCalendar('000.00.01.H45');
const version = loadProvince('phu-tho').catalogue.find((p) => p.id === '2.000488')!;
const procedureCase = version.cases[0]!;
const rules = { calendar, duration: procedureCase.duration, supplementPolicy: 'restart' as const };
const citizen: Actor = { sub: 'citizen-1', role: 'citizen' };
const receiver: Actor = { sub: 'officer-1', role: 'receiver', agencyId: '000.00.01.H45' };
const specialist: Actor = { sub: 'officer-2', role: 'specialist', agencyId: '000.00.12.H45' };

const reception: StepSpec = {
  id: 'reception',
  name: 'Tiếp nhận',
  role: 'receiver',
  agency: 'receiving',
  decisions: { accept: { to: 'appraisal', status: 'RECEIVED' }, refuse: { to: '$end', status: 'REFUSED' } },
};
const approval: StepSpec = {
  id: 'approval',
  name: 'Phê duyệt',
  role: 'leader',
  agency: 'competent',
  decisions: { approve: { to: 'delivery', status: 'RESULT_READY' } },
};
const leader: Actor = { sub: 'leader', role: 'leader', agencyId: '000.00.12.H45' };
const appraisal: StepSpec = {
  id: 'appraisal',
  name: 'Thẩm định',
  role: 'specialist',
  agency: 'competent',
  entryStatus: 'IN_PROGRESS',
  decisions: { approve: { to: 'approval' } },
};

function newDossier(actor: Actor, now = vn('2026-03-02T09:00:00')): Dossier {
  return createDossier({
    code: '000.00.01.H45-260302-0001',
    version,
    procedureCase,
    channel: actor.role === 'receiver' ? 'counter' : 'online',
    applicant: { sub: 'citizen-1', fullName: 'Nguyễn Văn An', idNumber: '025090001234' },
    receivingAgencyId: '000.00.01.H45',
    documents: [],
    formData: {},
    actor,
    now,
    calendar,
  }).dossier;
}

function opened(dossier: Dossier, step: StepSpec, now: number) {
  const agencyId = step.agency === 'receiving' ? dossier.receivingAgencyId : dossier.competentAgencyId;
  const result = openTask(dossier, step, 4, now, calendar, agencyId);
  if (!('task' in result)) throw new Error('expected a new task');
  return result;
}

const expectError = (fn: () => unknown, code: string, status: number) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).statusCode).toBe(status);
    return;
  }
  throw new Error(`expected ${code}`);
};

describe('dossier lifecycle', () => {
  it('leaves an online submission SUBMITTED without a clock, and receives a counter intake at once with a due date', () => {
    const online = newDossier(citizen);
    expect(online.status).toBe('SUBMITTED');
    expect(online.dueAt).toBeUndefined();
    const counter = newDossier(receiver, vn('2026-03-02T09:00:00'));
    expect(counter.status).toBe('RECEIVED');
    // 10 calendar days from Monday 02/03/2026 → Thursday 12/03/2026, end of office hours.
    expect(counter.dueAt).toBe('2026-03-12T17:00:00+07:00');
  });

  it('opens a step once: a retried open-task finds the task it already opened', () => {
    const { dossier, task } = opened(newDossier(citizen), reception, vn('2026-03-02T09:05:00'));
    expect(task).toMatchObject({
      role: 'receiver',
      agencyId: '000.00.01.H45',
      state: 'OPEN',
      dueAt: '2026-03-02T15:05:00+07:00',
    });
    expect(openTask(dossier, reception, 4, vn('2026-03-02T09:06:00'), calendar, task.agencyId)).toEqual({
      existing: task.id,
    });
  });

  it('lets only the task’s own role and agency decide, once, with an allowed decision', () => {
    const { task } = opened(newDossier(citizen), reception, vn('2026-03-02T09:05:00'));
    expectError(() => recordDecision(task, { decision: 'accept' }, specialist, undefined, 0), 'FORBIDDEN', 403);
    expectError(
      () => recordDecision(task, { decision: 'accept' }, { ...receiver, agencyId: '000.00.15.H45' }, undefined, 0),
      'FORBIDDEN',
      403,
    );
    expectError(
      () => recordDecision(task, { decision: 'approve' }, receiver, undefined, 0),
      'DECISION_NOT_ALLOWED',
      422,
    );
    expectError(() => recordDecision(task, { decision: 'accept' }, receiver, 7, 0), 'STALE_VERSION', 409);
    const decided: Task = {
      ...task,
      state: 'DECIDED',
      decided: recordDecision(task, { decision: 'accept' }, receiver, 1, 0),
    };
    expectError(
      () => recordDecision(decided, { decision: 'accept' }, receiver, undefined, 0),
      'TASK_ALREADY_DECIDED',
      409,
    );
  });

  it('receives the dossier on acceptance, sets its due date and heads to the next step', () => {
    const start = newDossier(citizen);
    const { dossier, task } = opened(start, reception, vn('2026-03-02T09:05:00'));
    const decided: Task = {
      ...task,
      state: 'DECIDED',
      decided: recordDecision(task, { decision: 'accept' }, receiver, 1, vn('2026-03-02T10:00:00')),
    };
    const applied = applyDecision(dossier, decided, vn('2026-03-02T10:00:00'), rules);
    expect(applied.next).toBe('appraisal');
    expect(applied.dossier).toMatchObject({
      status: 'RECEIVED',
      receivedAt: '2026-03-02T10:00:00+07:00',
      currentStepId: 'appraisal',
      openTaskIds: [],
    });
    expect(applied.dossier.dueAt).toBe('2026-03-12T17:00:00+07:00');
    expect(applied.event).toMatchObject({
      fromStatus: 'SUBMITTED',
      toStatus: 'RECEIVED',
      actor: 'officer-1',
      agencyId: '000.00.01.H45',
      stepId: 'reception',
    });
    const next = opened(applied.dossier, appraisal, vn('2026-03-02T10:01:00'));
    expect(next.task.agencyId).toBe('000.00.12.H45');
    expect(next.dossier.status).toBe('IN_PROGRESS');
    expect(next.dossier.agencyIds).toEqual(['000.00.01.H45', '000.00.12.H45']);
  });

  it('starts every execution of a dossier at the step it has reached, and none once it has ended', () => {
    expect(startStep(newDossier(citizen), procedureCase)).toBe(procedureCase.startStepId);
    expect(startStep(newDossier(receiver), procedureCase)).toBe(procedureCase.intakeStepId);
    expect(startStep({ ...newDossier(citizen), currentStepId: 'approval', taskCount: 3 }, procedureCase)).toBe(
      'approval',
    );
    expect(
      startStep({ ...newDossier(citizen), status: 'DELIVERED', currentStepId: 'x' }, procedureCase),
    ).toBeUndefined();
    // A dossier stored before the first step was recorded at creation.
    const legacy = { ...newDossier(citizen), currentStepId: undefined };
    expect(startStep(legacy, procedureCase)).toBe(procedureCase.startStepId);
    expect(startStep({ ...legacy, taskCount: 1 }, procedureCase)).toBeUndefined();
  });

  it('never opens a task for a step the dossier has moved past (a second or stale execution stops instead)', () => {
    const atApproval = {
      ...newDossier(citizen),
      status: 'IN_PROGRESS' as const,
      currentStepId: 'approval',
      taskCount: 2,
    };
    expect(() => openTask(atApproval, appraisal, 4, vn('2026-03-03T09:00:00'), calendar, '000.00.12.H45')).toThrow(
      StepSupersededError,
    );
    expect('task' in openTask(atApproval, approval, 4, vn('2026-03-03T09:00:00'), calendar, '000.00.12.H45')).toBe(
      true,
    );
  });

  it('requires the result number to approve a result and refuses illegal transitions', () => {
    const { dossier, task } = opened(
      { ...newDossier(citizen), status: 'IN_PROGRESS', currentStepId: 'approval' },
      approval,
      vn('2026-03-03T09:00:00'),
    );
    expectError(() => recordDecision(task, { decision: 'approve' }, leader, undefined, 0), 'RESULT_REQUIRED', 422);
    const decided: Task = {
      ...task,
      state: 'DECIDED',
      decided: recordDecision(task, { decision: 'approve', resultNumber: '1/QĐ' }, leader, undefined, 0),
    };
    expectError(() => applyDecision({ ...dossier, status: 'SUBMITTED' }, decided, 0, rules), 'ILLEGAL_TRANSITION', 422);
    const applied = applyDecision(dossier, decided, vn('2026-03-03T10:00:00'), rules);
    expect(applied.dossier.status).toBe('RESULT_READY');
    expect(applied.dossier.result).toMatchObject({ number: '1/QĐ', signer: 'leader' });
  });

  it('lets only the applicant withdraw, before the result is ready, closing the open tasks', () => {
    const { dossier, task } = opened(newDossier(citizen), reception, vn('2026-03-02T09:05:00'));
    expectError(() => withdraw(dossier, [task], receiver, 'x', 0), 'FORBIDDEN', 403);
    const result = withdraw(dossier, [task], citizen, 'Nộp nhầm', vn('2026-03-02T10:00:00'));
    expect(result.dossier).toMatchObject({
      status: 'WITHDRAWN',
      finishedAt: '2026-03-02T10:00:00+07:00',
      openTaskIds: [],
    });
    expect(result.closed.map((t) => t.state)).toEqual(['CLOSED']);
    expect(result.event).toMatchObject({
      action: 'withdraw',
      fromStatus: 'SUBMITTED',
      toStatus: 'WITHDRAWN',
      note: 'Nộp nhầm',
    });
    expectError(() => withdraw({ ...dossier, status: 'RESULT_READY' }, [], citizen, 'x', 0), 'NOT_WITHDRAWABLE', 422);
    const inFlight: Task = { ...task, state: 'DECIDED' };
    expectError(() => withdraw(dossier, [inFlight], citizen, 'x', 0), 'DECISION_IN_FLIGHT', 409);
  });

  it('lets the leader apologise and re-appoint once, a working day ahead, to a later date', () => {
    const counter = newDossier(receiver, vn('2026-03-02T09:00:00'));
    const { dossier, task } = opened(
      { ...counter, status: 'IN_PROGRESS', currentStepId: 'approval' },
      approval,
      vn('2026-03-03T09:00:00'),
    );
    expect(allowedDecisions(task)).toEqual(['approve', 'extend', 'stop']);
    const input = { newDueAt: '2026-03-19T17:00:00+07:00', reason: 'Chờ xác minh' };
    expectError(
      () => extendDueDate(dossier, task, specialist, input, vn('2026-03-04T09:00:00'), calendar),
      'FORBIDDEN',
      403,
    );
    expectError(
      () =>
        extendDueDate(
          dossier,
          task,
          leader,
          { ...input, newDueAt: '2026-03-10T17:00:00+07:00' },
          vn('2026-03-04T09:00:00'),
          calendar,
        ),
      'DUE_DATE_NOT_LATER',
      422,
    );
    const extended = extendDueDate(dossier, task, leader, input, vn('2026-03-04T09:00:00'), calendar);
    expect(extended.dossier.dueAt).toBe('2026-03-19T17:00:00+07:00');
    expect(extended.dossier.extension).toMatchObject({
      previousDueAt: '2026-03-12T17:00:00+07:00',
      reason: 'Chờ xác minh',
    });
    expect(extended.event).toMatchObject({ action: 'extend', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS' });
    expectError(
      () => extendDueDate(extended.dossier, task, leader, input, vn('2026-03-05T09:00:00'), calendar),
      'ALREADY_EXTENDED',
      422,
    );
  });

  it('restarts the clock from zero at a complete supplement, or pauses it where the province says so', () => {
    const supplementStep: StepSpec = {
      id: 'supplement',
      name: 'Chờ bổ sung',
      kind: 'applicant',
      timeoutDecision: 'lapse',
      role: 'citizen',
      agency: 'receiving',
      decisions: { supplement: { to: 'appraisal', status: 'IN_PROGRESS' }, lapse: { to: '$end', status: 'REFUSED' } },
    };
    const requested = {
      ...newDossier(citizen),
      status: 'SUPPLEMENT_REQUESTED' as const,
      currentStepId: supplementStep.id,
      receivedAt: '2026-03-02T09:30:00+07:00',
      dueAt: '2026-03-12T17:00:00+07:00',
      supplements: [
        {
          requestedAt: '2026-03-04T10:00:00+07:00',
          requestedBy: 'officer-2',
          agencyId: '000.00.12.H45',
          note: 'CU_TRU',
        },
      ],
    };
    const { dossier, task } = opened(requested, supplementStep, vn('2026-03-04T10:00:01'));
    expect(allowedDecisions(task)).toEqual(['supplement']);
    const doc = {
      componentCode: 'CU_TRU',
      uploadId: 'u',
      key: 'k',
      fileName: 'f.pdf',
      contentType: 'application/pdf',
      size: 1,
    };
    expectError(
      () => recordSupplement(dossier, task, { sub: 'someone-else', role: 'citizen' }, [doc], undefined, 0),
      'FORBIDDEN',
      403,
    );
    const decided: Task = {
      ...task,
      state: 'DECIDED',
      decided: recordSupplement(dossier, task, citizen, [doc], undefined, vn('2026-03-09T14:00:00')),
    };
    const restarted = applyDecision(dossier, decided, vn('2026-03-09T14:00:00'), rules);
    expect(restarted.dossier.dueAt).toBe('2026-03-19T17:00:00+07:00');
    expect(restarted.dossier.supplements?.[0]?.respondedAt).toBe('2026-03-09T14:00:00+07:00');
    // Paused: the 26 working hours spent waiting (04/03 10:00 → 09/03 14:00) are added to the old due date.
    const paused = applyDecision(dossier, decided, vn('2026-03-09T14:00:00'), { ...rules, supplementPolicy: 'pause' });
    expect(paused.dossier.dueAt).toBe('2026-03-18T09:00:00+07:00');
    const lapsed: Task = { ...task, state: 'DECIDED', decided: recordLapse(task, vn('2026-03-30T09:00:00')) };
    expect(applyDecision(dossier, lapsed, vn('2026-03-30T09:00:00'), rules).dossier.status).toBe('REFUSED');
  });

  it('allows one supplement request, listing the missing items, within three working days of reception', () => {
    const received = {
      ...newDossier(citizen),
      status: 'IN_PROGRESS' as const,
      receivedAt: '2026-03-02T09:30:00+07:00',
    };
    expect(() => checkSupplementRequest(received, 'Bổ sung CU_TRU', vn('2026-03-05T09:29:00'), calendar)).not.toThrow();
    expectError(
      () => checkSupplementRequest(received, 'Bổ sung CU_TRU', vn('2026-03-05T10:00:00'), calendar),
      'SUPPLEMENT_WINDOW_CLOSED',
      422,
    );
    expectError(
      () => checkSupplementRequest(received, undefined, vn('2026-03-03T09:00:00'), calendar),
      'SUPPLEMENT_NOTE_REQUIRED',
      422,
    );
    const asked = {
      ...received,
      supplements: [{ requestedAt: '2026-03-03T09:00:00+07:00', requestedBy: 'x', agencyId: null, note: 'a' }],
    };
    expectError(
      () => checkSupplementRequest(asked, 'Lần hai', vn('2026-03-03T10:00:00'), calendar),
      'SUPPLEMENT_ALREADY_REQUESTED',
      422,
    );
  });
});
