import { describe, expect, it } from 'vitest';
import { allowedDecisions } from '../../functions/domain/lifecycle/decisions';
import { extendDueDate } from '../../functions/domain/lifecycle/extension';
import { vn } from '../support/calendar';
import {
  approval,
  calendar,
  expectError,
  leader,
  newDossier,
  opened,
  receiver,
  specialist,
} from '../support/lifecycle';

describe('apology and re-appointment (Form 04)', () => {
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
});
