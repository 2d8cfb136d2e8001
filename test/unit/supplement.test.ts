import { describe, expect, it } from 'vitest';
import type { StepSpec, Task } from '../../functions/domain/dossier';
import { applyDecision } from '../../functions/domain/lifecycle/apply-decision';
import { allowedDecisions } from '../../functions/domain/lifecycle/decisions';
import { recordLapse } from '../../functions/domain/lifecycle/ending';
import { checkSupplementRequest, recordSupplement } from '../../functions/domain/lifecycle/supplement';
import { vn } from '../support/calendar';
import { calendar, citizen, expectError, newDossier, opened, rules } from '../support/lifecycle';

describe('supplement during processing (Form 02)', () => {
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
