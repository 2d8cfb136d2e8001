import * as z from 'zod';
import { AGENCY_ROLES, ROLES } from '../../functions/domain/dossier';
import { toVietnamIso } from '../../functions/domain/vietnam-time';
import type { LocalClock } from './clock';
import type { LocalRoute } from './gateway';
import type { LocalIdentity } from './identity';
import type { LocalNationalPortal } from './national-portal';
import type { LocalOutbox } from './outbox';
import type { DeadLetter } from './reaction-queue';

const clockBody = z
  .object({ now: z.iso.datetime({ offset: true }).nullable(), frozen: z.boolean().default(false) })
  .strict();
const clockView = (clock: LocalClock) => ({
  now: toVietnamIso(clock.now()),
  offsetMs: clock.offset,
  frozen: clock.frozen,
});
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return undefined;
  }
}

/** A development route's 400, in the API's error envelope. */
const invalid = (message: string, details: unknown) => ({
  status: 400,
  body: { error: { code: 'VALIDATION_FAILED', message, details } },
});

const failBody = z.object({ until: z.iso.datetime({ offset: true }).nullable() }).strict();

const portalFailBody = z
  .object({
    until: z.iso.datetime({ offset: true }).nullable(),
    delayMs: z.number().int().min(0).max(60_000).default(0),
    expireSessions: z.boolean().default(false),
  })
  .strict();

const loginBody = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{2,40}$/),
    role: z.enum(ROLES),
    agencyId: z.string().optional(),
    name: z.string().max(100).optional(),
    /** A citizen's identification number, as VNeID would have verified it (their e-data store's key). */
    idNumber: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
  })
  .strict();

/**
 * Development only, never deployed: `POST /local/login` issues tokens with the claims Cognito would give,
 * `GET /local/outbox` shows what was sent (`POST /local/outbox/fail {"until"}` makes SES and SNS fail until then),
 * `GET /local/dead-letters` the events a reaction gave up on, `GET/POST /local/clock` moves the time handlers, steps,
 * timeouts and scheduled jobs see.
 */
export function developmentRoutes({
  identity,
  agencyIds,
  outbox,
  clock,
  events,
  schedules,
  nationalPortal,
}: {
  identity: LocalIdentity;
  agencyIds: ReadonlySet<string>;
  outbox: LocalOutbox;
  clock: LocalClock;
  /** The reactions' queues: what they gave up on, and how many events are still queued or retried. */
  events: { deadLetters: () => DeadLetter[]; depth: () => number };
  /** Resolves once the scheduled jobs a clock move ran (the officer-notice sweep) have finished. */
  schedules: { idle: () => Promise<void> };
  /** The national portal's counterpart. */
  nationalPortal: LocalNationalPortal;
}): Record<string, LocalRoute> {
  return {
    'POST /local/login': async (_req, body) => {
      let parsed: z.infer<typeof loginBody>;
      try {
        parsed = loginBody.parse(parseJson(body));
      } catch (error) {
        return {
          status: 400,
          body: {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'username, role (and agencyId for officers) required',
              details: (error as Error).message,
            },
          },
        };
      }
      const officer = AGENCY_ROLES.has(parsed.role);
      if (officer && (!parsed.agencyId || !agencyIds.has(parsed.agencyId))) {
        return {
          status: 400,
          body: {
            error: {
              code: 'UNKNOWN_AGENCY',
              message: 'officers need the agencyId of an agency of the province (GET /agencies)',
              details: null,
            },
          },
        };
      }
      const token = await identity.issue({
        sub: `local-${parsed.username}`,
        role: parsed.role,
        ...(officer ? { agencyId: parsed.agencyId } : {}),
        ...(parsed.role === 'citizen' && parsed.idNumber ? { idNumber: parsed.idNumber } : {}),
        name: parsed.name ?? parsed.username,
      });
      return {
        status: 200,
        body: {
          token,
          sub: `local-${parsed.username}`,
          role: parsed.role,
          agencyId: officer ? parsed.agencyId : null,
        },
      };
    },
    'GET /local/outbox': async () => ({ status: 200, body: { items: outbox.messages(), nextCursor: null } }),
    'POST /local/outbox/fail': async (_req, body) => {
      const parsed = failBody.safeParse(parseJson(body));
      if (!parsed.success)
        return invalid('expected { "until": "2026-02-13T16:05:00+07:00" } or { "until": null }', parsed.error.issues);
      outbox.failUntil(parsed.data.until === null ? undefined : Date.parse(parsed.data.until));
      return { status: 200, body: { failingUntil: outbox.failing() } };
    },
    'GET /local/dvcqg/dossiers/{code}': async (_req, _body, url) => {
      const code = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
      const held = nationalPortal.dossier(code);
      if (!held)
        return { status: 404, body: { error: { code: 'NOT_FOUND', message: `no dossier ${code}`, details: null } } };
      return { status: 200, body: { code, ...held } };
    },
    'POST /local/dvcqg/fail': async (_req, body) => {
      const parsed = portalFailBody.safeParse(parseJson(body));
      if (!parsed.success)
        return invalid(
          'expected { "until": "2026-02-13T16:05:00+07:00" | null, "delayMs"?: 0, "expireSessions"?: true }',
          parsed.error.issues,
        );
      const { until, delayMs, expireSessions } = parsed.data;
      nationalPortal.failUntil(until === null ? undefined : Date.parse(until), delayMs, expireSessions);
      return { status: 200, body: { failingUntil: nationalPortal.failing(), delayMs } };
    },
    'GET /local/dead-letters': async () => ({
      status: 200,
      body: { items: events.deadLetters(), pending: events.depth(), nextCursor: null },
    }),
    'GET /local/clock': async () => ({ status: 200, body: clockView(clock) }),
    'POST /local/clock': async (_req, body) => {
      const parsed = clockBody.safeParse(parseJson(body));
      if (!parsed.success)
        return invalid(
          'expected { "now": "2026-02-13T16:05:00+07:00", "frozen"?: true } or { "now": null }',
          parsed.error.issues,
        );
      const fired = clock.set(parsed.data.now === null ? undefined : Date.parse(parsed.data.now), parsed.data.frozen);
      // Let the fired timeouts run their steps, and the scheduled jobs finish, before answering, so a client reads
      // the consequences.
      await new Promise((r) => setTimeout(r, 50));
      await schedules.idle();
      return { status: 200, body: { ...clockView(clock), fired } };
    },
  };
}
