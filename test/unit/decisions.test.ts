import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/dossier';
import { applyDecision } from '../../functions/domain/lifecycle/apply-decision';
import { recordDecision } from '../../functions/domain/lifecycle/decisions';
import { vn } from '../support/calendar';
import {
  approval,
  citizen,
  expectError,
  leader,
  newDossier,
  opened,
  receiver,
  reception,
  rules,
  specialist,
} from '../support/lifecycle';

describe('an officer’s decision on a task', () => {
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
});
