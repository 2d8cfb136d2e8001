/** mulberry32: a small deterministic generator of numbers in [0, 1), so that a seed replays the same run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `work(i)` for i in [0, n) with at most `concurrency` at once. */
export async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** Runs `work` on each item with at most `concurrency` at once. */
export const eachOf = <T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) =>
  pool(items.length, concurrency, (i) => work(items[i]!));
