import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setLongTimeout, type Timer } from './timers';

interface Scheduled {
  dueAt: number;
  fire: () => void;
  /** Counted among the timeouts a clock move fired (a step's); a schedule's run is not. */
  counted: boolean;
  timer?: Timer;
}

/**
 * The development clock of the local runtime (`GET/POST /local/clock`): handlers, steps and step timeouts all read
 * this time. Moving it forward fires every timeout that fell due, so any calendar case can be reproduced over HTTP
 * without waiting. The offset is kept with the data so the timeline never runs backwards across restarts.
 * Never part of the AWS stack, where time is AWS's.
 */
export class LocalClock {
  private offsetMs = 0;
  /** A frozen clock stands still until it is set again: reproducible tests, no timeout fires by itself. */
  private frozenAt: number | undefined;
  private readonly pending = new Set<Scheduled>();
  private readonly listeners = new Set<(now: number) => void>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      this.offsetMs = Number(saved.offsetMs) || 0;
      this.frozenAt = typeof saved.frozenAt === 'number' ? saved.frozenAt : undefined;
    }
  }

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  get offset() {
    return this.now() - Date.now();
  }

  get frozen() {
    return this.frozenAt !== undefined;
  }

  /** Runs `fire` when the clock reaches `dueAt`, in real time or at once when the clock is moved past it. */
  schedule(dueAt: number, fire: () => void, options: { counted?: boolean } = {}): Timer {
    const entry: Scheduled = { dueAt, fire, counted: options.counted ?? true };
    this.pending.add(entry);
    this.arm(entry);
    return {
      cancel: () => {
        entry.timer?.cancel();
        this.pending.delete(entry);
      },
    };
  }

  /** Called whenever the clock is set, before what fell due fires (a periodic job re-arms if time went back). */
  onSet(listener: (now: number) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private arm(entry: Scheduled) {
    entry.timer?.cancel();
    if (this.frozenAt === undefined) entry.timer = setLongTimeout(() => this.run(entry), entry.dueAt - this.now());
    else if (entry.dueAt <= this.frozenAt) queueMicrotask(() => this.run(entry));
  }

  private run(entry: Scheduled) {
    if (!this.pending.delete(entry)) return;
    entry.timer?.cancel();
    entry.fire();
  }

  /**
   * Sets the current time (undefined: back to the machine's time), running on from there or frozen, and fires what
   * fell due; returns how many step timeouts fired (scheduled jobs run too, uncounted).
   */
  set(instant: number | undefined, frozen = false): number {
    this.offsetMs = instant === undefined ? 0 : instant - Date.now();
    this.frozenAt = instant !== undefined && frozen ? instant : undefined;
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify({ offsetMs: this.offsetMs, frozenAt: this.frozenAt ?? null }));
    }
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    const due = [...this.pending].filter((e) => e.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    for (const entry of due) this.run(entry);
    for (const entry of this.pending) this.arm(entry);
    return due.filter((entry) => entry.counted).length;
  }

  close() {
    for (const entry of this.pending) entry.timer?.cancel();
    this.pending.clear();
    this.listeners.clear();
  }
}
