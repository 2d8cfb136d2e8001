/** Vietnam has been UTC+7 without daylight saving since 1975; the whole domain reasons in this offset. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Local calendar date (YYYY-MM-DD) in Asia/Ho_Chi_Minh of an instant. */
export function localDate(instant: number): string {
  return new Date(instant + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since local midnight in Asia/Ho_Chi_Minh. */
export function localMinuteOfDay(instant: number): number {
  const shifted = new Date(instant + VIETNAM_OFFSET_MS);
  return (
    shifted.getUTCHours() * 60 +
    shifted.getUTCMinutes() +
    shifted.getUTCSeconds() / 60 +
    shifted.getUTCMilliseconds() / 60_000
  );
}

/** 0 = Sunday … 6 = Saturday, in Vietnam. */
export function localWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The instant of a local wall-clock time (minutes after midnight) on a local date. */
export function atLocal(date: string, minuteOfDay: number): number {
  return Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS + Math.round(minuteOfDay * 60_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO-8601 with the +07:00 offset, as the API shows every time. */
export function toVietnamIso(instant: number): string {
  return `${new Date(instant + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** A time as people read it in Vietnam: `09:15 ngày 02/03/2026` (never raw ISO in a message). */
export function spokenTime(iso: string): string {
  const local = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ngày ${two(local.getUTCDate())}/${two(
    local.getUTCMonth() + 1,
  )}/${local.getUTCFullYear()}`;
}
