import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

/**
 * What the local runtime did that AWS would bill, counted as it happens: Lambda invocations with their duration (API
 * handlers, workflow steps, reaction consumers, scheduled jobs), API requests, and messages handed to the reactions'
 * queues. Read by `npm run bench:cost`; costs nothing to keep (a few counters), and never part of the AWS stack.
 */
export class LocalMeter {
  readonly invocations = new Map<string, { count: number; ms: number }>();
  apiRequests = 0;
  /** Messages queued for a reaction (each is one send, one receive and one delete on SQS). */
  queuedMessages = 0;

  /**
   * The invocation a call runs in, once `attributeCalls()` asked for it (`BENCH_DETAIL=1 npm run bench:cost`
   * attributes each AWS call to one). Off by default: an AsyncLocalStorage follows every promise of the process.
   */
  private current?: AsyncLocalStorage<string>;

  attributeCalls() {
    this.current ??= new AsyncLocalStorage<string>();
  }

  /** The name of the invocation the caller runs in, if calls are attributed and it runs in one. */
  invocation(): string | undefined {
    return this.current?.getStore();
  }

  async invoke<T>(name: string, call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await (this.current ? this.current.run(name, call) : call());
    } finally {
      const entry = this.invocations.get(name) ?? { count: 0, ms: 0 };
      entry.count++;
      // Lambda bills duration rounded up to the millisecond.
      entry.ms += Math.max(1, Math.ceil(performance.now() - start));
      this.invocations.set(name, entry);
    }
  }

  reset() {
    this.invocations.clear();
    this.apiRequests = 0;
    this.queuedMessages = 0;
  }
}

export const meter = new LocalMeter();
