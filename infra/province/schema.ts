import * as z from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/** Giờ làm việc — office hours: ordered, non-overlapping sessions of one working day. */
export const officeHoursSchema = z
  .object({
    sessions: z.array(z.object({ start: clock, end: clock })).min(1),
    /** Tiếp nhận sáng thứ Bảy — Saturday-morning reception (first session only). */
    saturdayMorning: z.boolean().default(false),
  })
  .superRefine((hours, ctx) => {
    let previousEnd = '';
    hours.sessions.forEach((session, index) => {
      if (session.start >= session.end || session.start < previousEnd) {
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', index],
          message: 'sessions must be ordered and not overlap',
        });
      }
      previousEnd = session.end;
    });
  });

/** Cơ quan — an agency that receives or decides dossiers. `id` is its identifier under Circular 10/2016/TT-BTTTT. */
export const agencySchema = z.object({
  id: z
    .string()
    .regex(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d{2}$/, 'expected an agency identifier like 000.00.12.H56'),
  code: z.string().regex(/^[A-Z0-9_-]{2,32}$/),
  name: z.string().min(3),
  kind: z.enum(['pasc', 'department', 'commune', 'police', 'vertical']),
  parentId: z.string().nullable().default(null),
  unitId: z.string(),
  /** The agency's one-stop mailbox: its inbox digests and the warnings of steps about to be due. */
  email: z.email().optional(),
  /** The agency's leader: its overdue steps (a PASC's leader also hears of steps escalated to the PASC). */
  leaderEmail: z.email().optional(),
  officeHours: officeHoursSchema.optional(),
});

/** Đơn vị hành chính — an administrative unit, with validity and successor links (units merged in 2025). */
export const unitSchema = z.object({
  id: z.string().min(2),
  name: z.string().min(2),
  kind: z.enum(['province', 'district', 'commune', 'ward', 'special_zone']),
  parentId: z.string().nullable(),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  successorId: z.string().optional(),
});

const dayEntry = z.object({ date: isoDate, name: z.string().min(2), source: z.string().min(5) });

export const provinceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(2),
    timeZone: z.literal('Asia/Ho_Chi_Minh'),
    officeHours: officeHoursSchema,
    units: z.array(unitSchema).min(1),
    agencies: z.array(agencySchema).min(1),
    /** Ngày nghỉ lễ, Tết — official days off for civil servants. */
    holidays: z.array(dayEntry),
    /** Ngày làm bù — Saturdays worked in exchange for a bridged holiday. */
    compensatoryWorkingDays: z.array(dayEntry),
    uploads: z.object({
      maxBytes: z
        .number()
        .int()
        .positive()
        .max(100 * 1024 * 1024),
      allowedContentTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/)).min(1),
      /** Days an upload no dossier took is kept before the bucket deletes it. */
      expiryDays: z.number().int().min(1).max(30).default(2),
    }),
    notifications: z.object({
      fromEmail: z.email(),
      /** The public lookup page of one dossier, `{code}` standing for its code: the link every notice carries. */
      lookupUrl: z
        .url({ protocol: /^https$/ })
        // Every SMS carries it within 160 characters (functions/domain/notices.ts).
        .max(90)
        .refine((url) => url.includes('%7Bcode%7D') || url.includes('{code}'), 'the link must contain {code}'),
      /** What officers hear of their work (functions/domain/officer-notices.ts). */
      officers: z
        .object({
          /** Inbox digest times of a working day (Vietnam time); empty: no digest. */
          inboxDigestAt: z.array(clock).max(8).default(['08:00', '13:30']),
          /** Warn the agency this many working days before a step is due; 0: never. */
          dueSoonWorkingDays: z.number().int().min(0).max(10).default(1),
          /** Tell the PASC's leader when a step is still open this many working days after it was due; 0: never. */
          escalateAfterWorkingDays: z.number().int().min(0).max(30).default(2),
        })
        .prefault({}),
    }),
    /** When the complete supplement arrives the clock restarts from zero (decree rule), or pauses if the province says so. */
    supplementPolicy: z.enum(['restart', 'pause']).default('restart'),
    frontEndOrigins: z.array(z.url()).default([]),
    /**
     * Sign-in federation. `vneid`: the national electronic identity (VNeID) as an OpenID Connect provider of the
     * province's user pool, once the Ministry of Public Security has issued the province a client. The client secret
     * stays in AWS Secrets Manager under `clientSecretName`; callback and sign-out URLs are the front ends'.
     */
    identity: z
      .object({
        /** The prefix of the user pool's hosted domain (`<prefix>.auth.<region>.amazoncognito.com`): default `motcua-<id>`. */
        domainPrefix: z
          .string()
          .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
          .optional(),
        vneid: z
          .object({
            issuerUrl: z.url(),
            clientId: z.string().min(1),
            clientSecretName: z.string().min(1),
            scopes: z.array(z.string()).default(['openid', 'profile']),
            /** The claim in which VNeID gives the personal identification number (the e-data store's key). */
            idNumberClaim: z.string().min(1).optional(),
            callbackUrls: z.array(z.url()).min(1),
          })
          .optional(),
      })
      .default({}),
    /**
     * Cổng Dịch vụ công quốc gia — the national portal's integration endpoint, the province's unit code there
     * (`madonvi`) and the name of the Secrets Manager secret holding the account it issued
     * (`{"username","password"}`). Absent until the province has joined: nothing is synced.
     */
    nationalPortal: z
      .object({
        url: z.url({ protocol: /^https$/ }),
        unitCode: z.string().regex(/^[\w.-]{2,40}$/),
        credentialsSecretName: z.string().min(1),
      })
      .optional(),
    /** API Gateway limits per route class (requests per second, and burst), for each route of the class. */
    throttling: z
      .object({
        public: z.object({ rate: z.number().positive(), burst: z.number().int().positive() }),
        read: z.object({ rate: z.number().positive(), burst: z.number().int().positive() }),
        write: z.object({ rate: z.number().positive(), burst: z.number().int().positive() }),
      })
      .default({ public: { rate: 20, burst: 40 }, read: { rate: 50, burst: 100 }, write: { rate: 10, burst: 20 } }),
  })
  .superRefine((province, ctx) => {
    const unitIds = new Set(province.units.map((u) => u.id));
    const agencyIds = new Set<string>();
    province.agencies.forEach((agency, index) => {
      if (agencyIds.has(agency.id))
        ctx.addIssue({ code: 'custom', path: ['agencies', index, 'id'], message: 'duplicate agency id' });
      agencyIds.add(agency.id);
      if (!unitIds.has(agency.unitId)) {
        ctx.addIssue({ code: 'custom', path: ['agencies', index, 'unitId'], message: `unknown unit ${agency.unitId}` });
      }
    });
    province.agencies.forEach((agency, index) => {
      if (agency.parentId && !agencyIds.has(agency.parentId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['agencies', index, 'parentId'],
          message: `unknown agency ${agency.parentId}`,
        });
      }
    });
    province.units.forEach((unit, index) => {
      if (unit.parentId && !unitIds.has(unit.parentId)) {
        ctx.addIssue({ code: 'custom', path: ['units', index, 'parentId'], message: `unknown unit ${unit.parentId}` });
      }
    });
  });

export type ProvinceConfig = z.infer<typeof provinceSchema>;
export type ProvinceInput = z.input<typeof provinceSchema>;

/** Validates a province config and throws one error naming every offending field. */
export function parseProvince(input: unknown, source: string): ProvinceConfig {
  const result = provinceSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`Invalid province config ${source}:\n${lines.join('\n')}`);
}
