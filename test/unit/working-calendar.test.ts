import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, localMinuteOfDay, toVietnamIso } from '../../functions/domain/vietnam-time';
import { phuThoCalendar, vn } from '../support/calendar';

const calendar = phuThoCalendar();
const iso = (instant: number) => toVietnamIso(instant);

describe('working-day calendar (Phú Thọ, office hours 07:00–11:30 and 13:30–17:00)', () => {
  it('counts a counter dossier received after 15:00 from the next working day, skipping Tết 2026', () => {
    // Friday 13/02/2026 16:00; Monday 16 – Friday 20/02 are Tết (Thông báo 9441/TB-BNV).
    const due = calendar.dueAt(vn('2026-02-13T16:00:00'), { value: 3, unit: 'working_days' }, 'counter');
    expect(iso(due)).toBe('2026-02-25T17:00:00+07:00');
  });

  it('counts the same counter dossier from the moment of reception before 15:00', () => {
    const due = calendar.dueAt(vn('2026-02-13T10:00:00'), { value: 1, unit: 'working_days' }, 'counter');
    // 5 working hours on Friday, the remaining 3 after Tết.
    expect(iso(due)).toBe('2026-02-23T10:00:00+07:00');
  });

  it('starts an online submission made on a weekend at the next opening', () => {
    expect(iso(calendar.clockStart(vn('2026-03-07T21:00:00'), 'online'))).toBe('2026-03-09T07:00:00+07:00');
    expect(iso(calendar.clockStart(vn('2026-03-09T12:15:00'), 'online'))).toBe('2026-03-09T13:30:00+07:00');
  });

  it('works on the compensatory Saturday of the 30/4 swap week in 2025', () => {
    // Saturday 26/04/2025 is worked in exchange for Friday 02/05/2025 (Thông báo 6150/TB-LĐTBXH).
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    const due = calendar.dueAt(vn('2025-04-25T10:00:00'), { value: 3, unit: 'working_days' }, 'counter');
    expect(iso(due)).toBe('2025-04-29T10:00:00+07:00');
  });

  it('skips the National Day holidays when a dossier arrives late on the Friday before', () => {
    expect(iso(calendar.clockStart(vn('2025-08-29T16:30:00'), 'counter'))).toBe('2025-09-03T07:00:00+07:00');
  });

  it('makes a same-day procedure received after 15:00 due the next working day', () => {
    expect(iso(calendar.dueAt(vn('2026-03-03T14:00:00'), { value: 0, unit: 'same_day' }, 'counter'))).toBe(
      '2026-03-03T17:00:00+07:00',
    );
    expect(iso(calendar.dueAt(vn('2026-03-03T15:30:00'), { value: 0, unit: 'same_day' }, 'counter'))).toBe(
      '2026-03-04T17:00:00+07:00',
    );
  });

  it('rolls a calendar-day deadline that ends on a closed day to the next working day', () => {
    // 23/04/2026 + 10 days = Sunday 03/05/2026, after the 30/4–1/5 holidays.
    const due = calendar.dueAt(vn('2026-04-23T09:00:00'), { value: 10, unit: 'calendar_days' }, 'online');
    expect(iso(due)).toBe('2026-05-04T17:00:00+07:00');
  });

  it('receives on Saturday mornings only where the agency does, without counting Saturday as working time', () => {
    const pasc = phuThoCalendar('000.00.01.H45');
    expect(pasc.isReceiving(vn('2026-03-07T08:00:00'))).toBe(true);
    expect(pasc.isReceiving(vn('2026-03-07T12:00:00'))).toBe(false);
    expect(calendar.isReceiving(vn('2026-03-07T08:00:00'))).toBe(false);
    // Reception is a service: the clock of a Saturday-morning dossier starts at the next working-day opening.
    expect(iso(pasc.nextOpening(vn('2026-03-07T08:00:00')))).toBe('2026-03-09T07:00:00+07:00');
    expect(iso(pasc.clockStart(vn('2026-03-07T08:00:00'), 'counter'))).toBe('2026-03-09T07:00:00+07:00');
    expect(iso(pasc.clockStart(vn('2026-03-07T08:00:00'), 'online'))).toBe('2026-03-09T07:00:00+07:00');
  });

  it('counts deadlines at an agency with Saturday reception exactly as at one without', () => {
    const pasc = phuThoCalendar('000.00.01.H45');
    // Thu 24/12/2026 08:00, 3 working days: Thu 7 h + Fri 8 h + Mon 8 h + Tue 1 h.
    const threeDays = { value: 3, unit: 'working_days' } as const;
    expect(iso(pasc.dueAt(vn('2026-12-24T08:00:00'), threeDays, 'counter'))).toBe('2026-12-29T08:00:00+07:00');
    expect(iso(calendar.dueAt(vn('2026-12-24T08:00:00'), threeDays, 'counter'))).toBe('2026-12-29T08:00:00+07:00');
    // A step deadline that would have ended during Saturday reception lands on the next working day.
    expect(iso(pasc.addWorkingMinutes(vn('2027-01-08T16:00:00'), 120))).toBe('2027-01-11T08:00:00+07:00');
  });

  it('applies the 15:00 rule to a Saturday-morning counter dossier by counting it from Monday 07:00', () => {
    const pasc = phuThoCalendar('000.00.01.H45');
    expect(iso(pasc.clockStart(vn('2026-03-07T10:30:00'), 'counter'))).toBe('2026-03-09T07:00:00+07:00');
    expect(iso(pasc.clockStart(vn('2026-03-06T15:30:00'), 'counter'))).toBe('2026-03-09T07:00:00+07:00');
    expect(iso(pasc.dueAt(vn('2026-03-07T10:30:00'), { value: 0, unit: 'same_day' }, 'counter'))).toBe(
      '2026-03-09T17:00:00+07:00',
    );
  });

  it('measures working time between two instants', () => {
    expect(calendar.workingMinutesBetween(vn('2026-03-06T16:00:00'), vn('2026-03-09T08:00:00'))).toBe(120);
  });

  const instants = fc.integer({ min: vn('2025-01-01T00:00:00'), max: vn('2027-12-01T00:00:00') });
  const minutes = fc.integer({ min: 1, max: 60 * 8 * 30 });
  const durations = fc.oneof(
    fc.record({ value: fc.integer({ min: 1, max: 60 }), unit: fc.constant('working_days' as const) }),
    fc.record({ value: fc.integer({ min: 1, max: 90 }), unit: fc.constant('calendar_days' as const) }),
    fc.record({ value: fc.integer({ min: 1, max: 200 }), unit: fc.constant('hours' as const) }),
    fc.record({ value: fc.constant(0), unit: fc.constant('same_day' as const) }),
  );
  const channels = fc.constantFrom('online' as const, 'counter' as const, 'post' as const);
  const inWorkingTime = (cal: typeof calendar, due: number) => {
    const minute = localMinuteOfDay(due);
    return (
      cal.isWorkingDay(localDate(due)) &&
      ((minute > 7 * 60 && minute <= 11.5 * 60) || (minute > 13.5 * 60 && minute <= 17 * 60))
    );
  };

  for (const [name, cal] of [
    ['an agency without Saturday reception', calendar],
    ['the PASC, which receives on Saturday mornings', phuThoCalendar('000.00.01.H45')],
  ] as const) {
    describe(name, () => {
      it('no due time ever falls outside working time (property)', () => {
        fc.assert(
          fc.property(instants, durations, channels, (received, duration, channel) => {
            expect(inWorkingTime(cal, cal.dueAt(received, duration, channel))).toBe(true);
          }),
          { numRuns: 300 },
        );
        fc.assert(
          fc.property(instants, minutes, (start, duration) => {
            expect(inWorkingTime(cal, cal.addWorkingMinutes(start, duration))).toBe(true);
          }),
          { numRuns: 300 },
        );
      });

      it('adds N then M working minutes exactly as N+M (property)', () => {
        fc.assert(
          fc.property(instants, minutes, minutes, (start, n, m) => {
            expect(cal.addWorkingMinutes(cal.addWorkingMinutes(start, n), m)).toBe(cal.addWorkingMinutes(start, n + m));
          }),
          { numRuns: 300 },
        );
      });

      it('counts back exactly the working minutes it added (property)', () => {
        fc.assert(
          fc.property(instants, minutes, (start, n) => {
            expect(cal.workingMinutesBetween(start, cal.addWorkingMinutes(start, n))).toBeCloseTo(n, 6);
          }),
          { numRuns: 300 },
        );
      });

      it('is monotonic in the start time (property)', () => {
        fc.assert(
          fc.property(instants, fc.integer({ min: 0, max: 7 * 86_400_000 }), minutes, (start, later, duration) => {
            const days = { value: duration / 480, unit: 'working_days' } as const;
            expect(cal.dueAt(start + later, days, 'counter')).toBeGreaterThanOrEqual(cal.dueAt(start, days, 'counter'));
          }),
          { numRuns: 300 },
        );
      });
    });
  }
});
