/**
 * `npm run replay`: with `--days`, a replayed month whose figures are checked against the histories
 * (bench/replay-month.ts); without, whole lives at a concurrency against the floor's rate (bench/replay-lives.ts).
 */
if (process.argv.includes('--days')) await import('./replay-month');
else await import('./replay-lives');

export {};
