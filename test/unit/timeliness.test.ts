import { describe, expect, it } from 'vitest';
import { timeliness } from '../../functions/domain/timeliness';
import { vn } from '../support/calendar';

const due = '2026-03-05T17:00:00+07:00';

describe('timeliness judged by date in Vietnam time', () => {
  it('calls a dossier finished the day before its due date early', () => {
    expect(timeliness(due, '2026-03-04T16:59:00+07:00', 0)).toBe('early');
  });
  it('calls a dossier finished on its due date on time, even after the due hour', () => {
    expect(timeliness(due, '2026-03-05T18:30:00+07:00', 0)).toBe('on_time');
  });
  it('calls a dossier finished the next day late, even at 00:30 Vietnam time (17:30 UTC the day before)', () => {
    expect(timeliness(due, '2026-03-05T17:30:00Z', 0)).toBe('late');
  });
  it('calls an open dossier within deadline until its due time, overdue after', () => {
    expect(timeliness(due, undefined, vn('2026-03-05T16:59:00'))).toBe('within_deadline');
    expect(timeliness(due, undefined, vn('2026-03-05T17:01:00'))).toBe('overdue');
    expect(timeliness(undefined, undefined, 0)).toBeNull();
  });
});
