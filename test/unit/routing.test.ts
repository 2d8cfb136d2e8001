import { describe, expect, it } from 'vitest';
import { StepSupersededError } from '../../functions/domain/dossier';
import { startStep } from '../../functions/domain/flow-position';
import { openTask } from '../../functions/domain/lifecycle/routing';
import { vn } from '../support/calendar';
import {
  appraisal,
  approval,
  calendar,
  citizen,
  newDossier,
  opened,
  procedureCase,
  receiver,
  reception,
} from '../support/lifecycle';

describe('routing: opening steps and where executions begin', () => {
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
});
