import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/dossier';
import { withdraw } from '../../functions/domain/lifecycle/ending';
import { vn } from '../support/calendar';
import { citizen, expectError, newDossier, opened, receiver, reception } from '../support/lifecycle';

describe('ending a dossier: withdrawal, stop, lapse', () => {
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
});
