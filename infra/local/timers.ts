/**
 * Timers that survive Node's 2^31-1 ms limit (24.8 days): a longer delay is waited out in chunks. AWS step timeouts
 * and waits can last months; a plain setTimeout would fire them after 1 ms.
 */
const MAX_CHUNK_MS = 2 ** 31 - 1;

export interface Timer {
  cancel(): void;
}

export function setLongTimeout(callback: () => void, delayMs: number, now: () => number = Date.now): Timer {
  const dueAt = now() + Math.max(0, delayMs);
  let handle: NodeJS.Timeout | undefined;
  let cancelled = false;
  const arm = () => {
    if (cancelled) return;
    const remaining = dueAt - now();
    if (remaining <= 0) {
      callback();
      return;
    }
    handle = setTimeout(arm, Math.min(remaining, MAX_CHUNK_MS));
    handle.unref?.();
  };
  arm();
  return {
    cancel: () => {
      cancelled = true;
      if (handle) clearTimeout(handle);
    },
  };
}
