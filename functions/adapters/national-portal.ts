import type { PortalProgress } from '../domain/national-portal';
import type { NationalPortal } from '../domain/ports';
import { configured, env } from './environment';

/** A call that takes longer is a failure (the reaction retries it with backoff). */
const CALL_TIMEOUT_MS = 10_000;
/** What the portal answers a call made with a session it no longer knows. */
const SESSION_EXPIRED = -1;

interface Reply {
  error_code?: number | string;
  message?: string;
  session?: string;
}

export class PortalCallError extends Error {
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message);
    this.name = 'PortalCallError';
  }
}

/** One session per function instance: authenticated on first use, again when the portal says it expired. */
let session: Promise<string> | undefined;

async function post(body: object): Promise<Reply> {
  const response = await fetch(env('DVCQG_URL'), {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const text = await response.text();
  let reply: Reply;
  try {
    reply = JSON.parse(text) as Reply;
  } catch {
    throw new PortalCallError(`portal answered ${response.status} with a body that is not JSON`);
  }
  if (response.status === 401 || Number(reply.error_code) === SESSION_EXPIRED) {
    throw new PortalCallError('portal session expired', true);
  }
  if (!response.ok || Number(reply.error_code ?? 0) !== 0) {
    throw new PortalCallError(
      `portal refused (${response.status}, error_code ${reply.error_code}): ${reply.message ?? ''}`,
    );
  }
  return reply;
}

function authenticate(): Promise<string> {
  const { username, password } = JSON.parse(env('DVCQG_CREDENTIALS')) as { username: string; password: string };
  return post({ username, password }).then((reply) => {
    if (!reply.session) throw new PortalCallError('portal authentication gave no session');
    return reply.session;
  });
}

/** A service call carrying the session; one re-authentication when the session expired. */
async function call(service: string, payload: object) {
  for (let attempt = 0; ; attempt++) {
    session ??= authenticate();
    const current = session;
    try {
      return await post({ session: await current, madonvi: env('DVCQG_UNIT_CODE'), service, ...payload });
    } catch (error) {
      const expired = error instanceof PortalCallError && error.expired;
      // An expired session, or a failed authentication, is not kept: the next call authenticates again.
      const authFailed = await current.then(
        () => false,
        () => true,
      );
      if ((expired || authFailed) && session === current) session = undefined;
      if (!expired || attempt > 0) throw error;
    }
  }
}

/**
 * Cổng DVCQG over its session-based integration protocol: authenticate with the province's account, then call each
 * service (`DongBoHoSoMC`, `CapNhatTienDoHoSoMC`) with the session and the province's unit code.
 */
export class HttpNationalPortal implements NationalPortal {
  configured() {
    return configured('DVCQG_URL');
  }

  async syncRecords(records: readonly object[], isUpdating: boolean) {
    await call('DongBoHoSoMC', { isUpdating, data: records });
  }

  async updateProgress(steps: readonly PortalProgress[]) {
    await call('CapNhatTienDoHoSoMC', { data: steps });
  }
}
