/**
 * The deployment's variables, each with what a valid value looks like. The stack sets them (infra/aws/function.ts);
 * the local runtime sets them before it imports a handler.
 */
const VARIABLES = {
  TABLE_NAME: /^[\w.-]{3,255}$/,
  BUCKET_NAME: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  STATE_MACHINE_ARN_PREFIX: /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[\w-]*$/,
  // Resolved from Secrets Manager at deployment (64 characters); locally a random key in the data directory.
  CURSOR_KEY: /^\S{32,}$/,
  // {"notify-applicant":"https://sqs.…/…fifo", …}: the queue of each reaction (the stream's fan-out writes to all).
  REACTION_QUEUE_URLS: /^\{.*\}$/,
  // The national public service portal's integration endpoint, the province's unit code (madonvi) there, and the
  // account it issued ({"username","password"}: resolved from Secrets Manager at deployment, never in the template).
  DVCQG_URL: /^https?:\/\/\S+$/,
  DVCQG_UNIT_CODE: /^[\w.-]{2,40}$/,
  DVCQG_CREDENTIALS: /^\{.*\}$/,
  // The deliveries a reaction's queue makes before the dead letters (the sync marks a dossier failed on the last).
  REACTION_MAX_RECEIVES: /^\d{1,2}$/,
} as const;
export type Variable = keyof typeof VARIABLES;

/** A variable's value, read at each use (a local host may move it); missing or malformed is a deployment error. */
export function env(name: Variable): string {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  if (!VARIABLES[name].test(value)) throw new Error(`malformed environment variable ${name}`);
  return value;
}

/**
 * Checks the variables an adapter will read, where the adapter is built: at module scope of
 * `functions/composition.ts`, so a deployment that lacks or garbles one fails the function's init (Lambda reports
 * it at once, and a deployment smoke test sees it) instead of the first request that needs it. Only the adapters a
 * function's bundle keeps are built, so each function checks exactly the configuration it uses.
 */
export function requireConfiguration(...names: Variable[]): void {
  for (const name of names) env(name);
}

/** Whether an optional part of the deployment is configured (the national portal is, once the province has joined). */
export const configured = (name: Variable) => Boolean(process.env[name]);
