import { describe, expect, it } from 'vitest';
import type { Task } from '../../functions/domain/dossier';
import { applyDecision } from '../../functions/domain/lifecycle/apply-decision';
import { recordDecision } from '../../functions/domain/lifecycle/decisions';
import { vn } from '../support/calendar';
import { appraisal, citizen, newDossier, opened, receiver, reception, rules } from '../support/lifecycle';

describe('applying a decision', () => {
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
});
