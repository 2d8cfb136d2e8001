import type { LocalClock } from './clock';
import { lambdaContext } from './lambda-context';
import { meter } from './metering';
import type { Timer } from './timers';

type JobHandler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/**
 * The local counterpart of an EventBridge schedule rule: runs a function at every multiple of its period on the
 * development clock (so moving the clock past a quarter hour runs the officer-notice sweep once, as AWS would run it
 * at the first quarter hour after a pause). A run that fails is logged; the next run does its work.
 */
export class LocalSchedule {
  private timer?: Timer;
  private nextAt = 0;
  private running?: Promise<void>;
  private stopped = false;
  private unsubscribe?: () => void;

  constructor(
    readonly job: string,
    private readonly handler: JobHandler,
    private readonly clock: LocalClock,
    private readonly periodMs: number,
  ) {}

  start() {
    this.stopped = false;
    // Set back in time, the clock would not reach the armed run for a long while: arm the next one from the new time.
    // Set forward, the armed run falls due and runs once, however many periods were skipped.
    this.unsubscribe = this.clock.onSet((now) => {
      if (this.nextAt - now > this.periodMs && !this.running) this.arm();
    });
    this.arm();
  }

  /** Resolves once the run under way (if any) finished: a positive signal that what it decided is written. */
  async idle() {
    while (this.running) await this.running;
  }

  async stop() {
    this.stopped = true;
    this.unsubscribe?.();
    this.timer?.cancel();
    await this.idle();
  }

  private arm() {
    if (this.stopped) return;
    this.timer?.cancel();
    this.nextAt = (Math.floor(this.clock.now() / this.periodMs) + 1) * this.periodMs;
    this.timer = this.clock.schedule(this.nextAt, () => this.run(), { counted: false });
  }

  private run() {
    this.running = (this.running ?? Promise.resolve())
      .then(() => meter.invoke(this.job, () => this.handler({}, lambdaContext(this.job))))
      .then(
        () => undefined,
        (error: Error) => console.error(`motcua: scheduled ${this.job} failed: ${error.name}: ${error.message}`),
      )
      .finally(() => {
        this.running = undefined;
        this.arm();
      });
  }
}
