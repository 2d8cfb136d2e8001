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

  it('tells the applicant of every status change and of an apology, not of a move between steps', () => {
    for (const row of TRANSITIONS) {
      expect(notifiesApplicant({ fromStatus: row.from, toStatus: row.to, action: 'x' })).toBe(true);
    }
    expect(notifiesApplicant({ fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', action: 'appraisal:forward' })).toBe(
      false,
    );
    expect(notifiesApplicant({ fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', action: 'extend' })).toBe(true);
  });
});
