import { describe, expect, it } from 'vitest';
import { vn } from '../support/calendar';
import { citizen, newDossier, receiver } from '../support/lifecycle';

describe('reception of a new dossier (intake)', () => {
  it('leaves an online submission SUBMITTED without a clock, and receives a counter intake at once with a due date', () => {
    const online = newDossier(citizen);
    expect(online.status).toBe('SUBMITTED');
    expect(online.dueAt).toBeUndefined();
    const counter = newDossier(receiver, vn('2026-03-02T09:00:00'));
    expect(counter.status).toBe('RECEIVED');
    // 10 calendar days from Monday 02/03/2026 → Thursday 12/03/2026, end of office hours.
    expect(counter.dueAt).toBe('2026-03-12T17:00:00+07:00');
  });
});
