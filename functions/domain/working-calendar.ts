import { addDays, atLocal, localDate, localMinuteOfDay, localWeekday } from './vietnam-time';

/** Lịch làm việc — the working-day calendar of one agency: office hours, weekends, holidays, make-up days. */
export interface CalendarSettings {
  sessions: ReadonlyArray<{ start: string; end: string }>;
  saturdayMorning: boolean;
  holidays: ReadonlyArray<string>;
  compensatoryWorkingDays: ReadonlyArray<string>;
}

/** Đơn vị thời hạn — the unit a procedure case states its duration in. */
export type DurationUnit = 'working_days' | 'calendar_days' | 'hours' | 'same_day';
export interface Duration {
  value: number;
  unit: DurationUnit;
}
/**
 * Kênh tiếp nhận — how a dossier reached the province: submitted online here, at the counter, by post, or on the
 * national public service portal (DVCQG / VNeID) and handed over by its adapter (an online submission by law).
 */
export type Channel = 'online' | 'counter' | 'post' | 'dvcqg';
export const CHANNELS = ['online', 'counter', 'post', 'dvcqg'] as const satisfies readonly Channel[];

/** Online here or on the national portal: both are online public services (the clock, the fees, the figures). */
export const isOnline = (channel: Channel) => channel === 'online' || channel === 'dvcqg';

/** Decree 61/2018 Art.18 / Decree 118/2025: counter dossiers after 15:00 count from the next working day. */
export const COUNTER_CUTOFF_MINUTE = 15 * 60;
export const MINUTES_PER_WORKING_DAY = 8 * 60;
const MAX_SCAN_DAYS = 3660;

const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export class WorkingCalendar {
  private readonly sessions: ReadonlyArray<readonly [number, number]>;
  private readonly holidays: ReadonlySet<string>;
  private readonly makeUpDays: ReadonlySet<string>;

  constructor(private readonly settings: CalendarSettings) {
    this.sessions = settings.sessions.map((s) => [toMinute(s.start), toMinute(s.end)] as const);
    this.holidays = new Set(settings.holidays);
    this.makeUpDays = new Set(settings.compensatoryWorkingDays);
    if (this.sessions.length === 0) throw new Error('a calendar needs at least one office-hours session');
  }

  /** A full working day: Monday–Friday not on the holiday table, or a compensatory working Saturday/Sunday. */
  isWorkingDay(date: string): boolean {
    if (this.makeUpDays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = localWeekday(date);
    return weekday >= 1 && weekday <= 5;
  }

  /**
   * Working sessions (minutes of day) of a date: the office hours of a working day, none otherwise. Deadlines are
   * counted in these only; Saturday-morning reception is a service to applicants, not working time.
   */
  sessionsOn(date: string): ReadonlyArray<readonly [number, number]> {
    return this.isWorkingDay(date) ? this.sessions : [];
  }

  /**
   * Giờ tiếp nhận — the hours the reception counter is open on a date: the working sessions, plus the first
   * (morning) session on a Saturday that is not a holiday where the agency receives on Saturday mornings.
   */
  receptionSessionsOn(date: string): ReadonlyArray<readonly [number, number]> {
    if (this.isWorkingDay(date)) return this.sessions;
    if (this.settings.saturdayMorning && localWeekday(date) === 6 && !this.holidays.has(date)) {
      return this.sessions.slice(0, 1);
    }
    return [];
  }

  /** Whether the reception counter is open at an instant (a dossier can be handed in over the counter). */
  isReceiving(instant: number): boolean {
    const minute = localMinuteOfDay(instant);
    return this.receptionSessionsOn(localDate(instant)).some(([start, end]) => minute >= start && minute < end);
  }

  /** The instant itself when it is working time, else the start of the next working session. */
  nextOpening(instant: number): number {
    let date = localDate(instant);
    let minute = localMinuteOfDay(instant);
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      for (const [start, end] of this.sessionsOn(date)) {
        if (minute < end) return minute <= start ? atLocal(date, start) : instant;
      }
      date = addDays(date, 1);
      minute = -1;
    }
    throw new Error('no office opening within ten years: check the calendar settings');
  }

  /** The opening of the first full working day after the instant's date. */
  nextWorkingDayOpening(instant: number): number {
    let date = addDays(localDate(instant), 1);
    for (let i = 0; i < MAX_SCAN_DAYS && !this.isWorkingDay(date); i++) date = addDays(date, 1);
    const first = this.sessions[0]!;
    return atLocal(date, first[0]);
  }

  /**
   * Adds working minutes counted only inside office sessions. Work ending exactly at a session's close stays at the
   * close (a one-day duration from 07:00 is due at 17:00 the same day, not at the next opening).
   */
  addWorkingMinutes(instant: number, minutes: number): number {
    let remaining = minutes;
    let cursor = this.nextOpening(instant);
    if (remaining <= 0) return cursor;
    for (let i = 0; i < MAX_SCAN_DAYS * 4; i++) {
      const date = localDate(cursor);
      const minute = localMinuteOfDay(cursor);
      const session = this.sessionsOn(date).find(([, end]) => minute < end);
      if (!session) {
        cursor = this.nextOpening(atLocal(addDays(date, 1), 0));
        continue;
      }
      const from = Math.max(minute, session[0]);
      const available = session[1] - from;
      if (remaining <= available) return atLocal(date, from + remaining);
      remaining -= available;
      cursor = this.nextOpening(atLocal(date, session[1]));
    }
    throw new Error('working-time addition did not converge: check the calendar settings');
  }

  /** Working minutes between two instants (0 when `to` is not after `from`). */
  workingMinutesBetween(from: number, to: number): number {
    let total = 0;
    let cursor = this.nextOpening(from);
    while (cursor < to) {
      const date = localDate(cursor);
      const minute = localMinuteOfDay(cursor);
      const session = this.sessionsOn(date).find(([, end]) => minute < end)!;
      const sessionEnd = atLocal(date, session[1]);
      total += (Math.min(sessionEnd, to) - cursor) / 60_000;
      cursor = this.nextOpening(sessionEnd);
    }
    return total;
  }

  /** The end of office hours on the working day of an instant (or of the next working day). */
  closeOfDay(instant: number): number {
    const opening = this.nextOpening(instant);
    const date = localDate(opening);
    const sessions = this.sessionsOn(date);
    return atLocal(date, sessions[sessions.length - 1]![1]);
  }

  /**
   * Khi nào bắt đầu tính thời hạn — when the legal clock starts: at reception inside working time; the next working
   * opening otherwise (a dossier received at Saturday-morning reception starts on the next working day); counter and
   * post dossiers received after 15:00 of a working day from the next working day.
   */
  clockStart(receivedAt: number, channel: Channel): number {
    const opening = this.nextOpening(receivedAt);
    if (isOnline(channel)) return opening;
    const sameDay = localDate(opening) === localDate(receivedAt);
    if (sameDay && localMinuteOfDay(opening) >= COUNTER_CUTOFF_MINUTE) return this.nextWorkingDayOpening(receivedAt);
    return opening;
  }

  /** Hạn trả kết quả — the due date of a dossier received at `receivedAt`. */
  dueAt(receivedAt: number, duration: Duration, channel: Channel): number {
    const start = this.clockStart(receivedAt, channel);
    switch (duration.unit) {
      case 'working_days':
        return this.addWorkingMinutes(start, duration.value * MINUTES_PER_WORKING_DAY);
      case 'hours':
        return this.addWorkingMinutes(start, duration.value * 60);
      case 'same_day': {
        // Same-day procedures received after 15:00 are due the next working day (Decree 61/2018 Art.18).
        const counted =
          localMinuteOfDay(start) >= COUNTER_CUTOFF_MINUTE && localDate(start) === localDate(receivedAt)
            ? this.nextWorkingDayOpening(start)
            : start;
        return this.closeOfDay(counted);
      }
      case 'calendar_days': {
        // Calendar-day durations never end on a day the office is closed: they roll to the next working day.
        let date = addDays(localDate(start), duration.value);
        for (let i = 0; i < MAX_SCAN_DAYS && !this.isWorkingDay(date); i++) date = addDays(date, 1);
        return this.closeOfDay(atLocal(date, 0));
      }
    }
  }
}
