import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  notifiesApplicant,
  TRANSITIONS,
  transitionEffect,
  transitionTableMarkdown,
} from '../../functions/domain/lifecycle/transitions';
import { DOSSIER_STATUSES, TERMINAL_STATUSES } from '../../functions/domain/status';

describe('the transition table (what each status change does)', () => {
  it('is the table the README prints', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(transitionTableMarkdown());
  });

  it('lists each change once, leads out of every open status and out of no terminal one', () => {
    const pairs = TRANSITIONS.map((row) => `${row.from}>${row.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const status of DOSSIER_STATUSES) {
      const out = TRANSITIONS.filter((row) => row.from === status);
      expect(out.length > 0, status).toBe(!TERMINAL_STATUSES.has(status));
    }
    expect(canTransition('IN_PROGRESS', 'IN_PROGRESS')).toBe(true);
    expect(canTransition('DELIVERED', 'IN_PROGRESS')).toBe(false);
    expect(canTransition('SUBMITTED', 'RESULT_READY')).toBe(false);
  });

  it('starts the clock at reception and stops it when processing finishes (result, refusal, withdrawal)', () => {
    expect(transitionEffect(null, 'RECEIVED')?.clock).toBe('start');
    expect(transitionEffect('SUBMITTED', 'RECEIVED')?.clock).toBe('start');
    expect(transitionEffect(null, 'SUBMITTED')?.clock).toBe('none');
    for (const row of TRANSITIONS) {
      const finishes = row.to === 'RESULT_READY' || row.to === 'REFUSED' || row.to === 'WITHDRAWN';
      expect(row.clock === 'stop', `${row.from} → ${row.to}`).toBe(finishes);
    }
    expect(transitionEffect('IN_PROGRESS', 'SUPPLEMENT_REQUESTED')).toMatchObject({ clock: 'wait', form: '02' });
    expect(transitionEffect('SUPPLEMENT_REQUESTED', 'IN_PROGRESS')?.clock).toBe('restart');
    expect(transitionEffect('IN_PROGRESS', 'AWAITING_FINANCIAL_OBLIGATION')?.clock).toBe('pause');
    expect(transitionEffect('AWAITING_FINANCIAL_OBLIGATION', 'IN_PROGRESS')?.clock).toBe('resume');
  });

  it('tells the applicant of every status change and of the decisions that concern them, not of a move inside an agency', () => {
    for (const row of TRANSITIONS) {
      expect(notifiesApplicant({ fromStatus: row.from, toStatus: row.to, action: 'x' })).toBe(true);
    }
    const kept = (action: string, status: 'SUBMITTED' | 'IN_PROGRESS' = 'IN_PROGRESS') =>
      notifiesApplicant({ fromStatus: status, toStatus: status, action });
    expect(kept('appraisal:forward')).toBe(true);
    expect(kept('province_appraisal:return_to_commune')).toBe(true);
    expect(kept('appraisal:consult')).toBe(true);
    expect(kept('appraisal:send_to_tax')).toBe(true);
    expect(kept('reception:request_completion', 'SUBMITTED')).toBe(true);
    expect(kept('extend')).toBe(true);
    expect(kept('signing:return')).toBe(false);
    expect(kept('recording:propose')).toBe(false);
    expect(kept('open:appraisal')).toBe(false);
  });
});
