import * as z from 'zod';
import { LEGAL_STANDINGS } from '../domain/dossier';
import { DOSSIER_CODE_PATTERN } from '../domain/dossier-code';
import { NATIONAL_ID_PATTERN } from '../domain/national-portal';
import { CRITERIA_IDS, type Criterion, RATING_CRITERIA } from '../domain/ratings';
import { DOSSIER_STATUSES } from '../domain/status';
import { schema } from './schema';

/** Shared request schemas: the OpenAPI contract is generated from these. */
export const dossierCode = /* @__PURE__ */ schema(() =>
  z.string().max(40).regex(DOSSIER_CODE_PATTERN, 'expected a dossier code like 000.00.01.H45-260302-0001'),
);
export const taskId = /* @__PURE__ */ schema(() =>
  z
    .string()
    .max(48)
    .regex(/^[0-9A-Z.]+-\d{6}-\d{4,6}\.\d{1,4}$/, 'expected a task id'),
);
export const procedureId = /* @__PURE__ */ schema(() =>
  z.string().regex(/^\d\.\d{6}$/, 'expected a national procedure code like 1.004194'),
);
export const agencyId = /* @__PURE__ */ schema(() =>
  z.string().regex(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d{2}$/, 'expected an agency identifier'),
);
export const uploadId = /* @__PURE__ */ schema(() => z.uuid());

/** Free text: no control characters (NUL, RTL overrides) that would corrupt slips, logs or notifications. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => !/(?![\t\n\r])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(s), 'control characters are not allowed');

export const pagination = /* @__PURE__ */ schema(() => ({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2048).optional(),
}));

export const listQuery = /* @__PURE__ */ schema(() => z.object(pagination).strict());
export const dossierListQuery = /* @__PURE__ */ schema(() =>
  z.object({ ...pagination, status: z.enum(DOSSIER_STATUSES).optional() }).strict(),
);

export const applicant = /* @__PURE__ */ schema(() =>
  z
    .object({
      fullName: text(120).pipe(z.string().min(2)),
      idNumber: z.string().regex(/^\d{12}$/, 'the personal identification number has 12 digits'),
      phone: z
        .string()
        .regex(/^(\+84|0)\d{9,10}$/, 'a Vietnamese phone number')
        .optional(),
      email: z.email().max(254).optional(),
      address: text(300).optional(),
      /** The commune/ward of the address, from GET /agencies' units: routes steps to the applicant's commune. */
      addressUnitId: z
        .string()
        .regex(/^[A-Z0-9-]{2,40}$/)
        .optional(),
    })
    .strict(),
);

const componentCode = /* @__PURE__ */ schema(() => z.string().regex(/^[A-Z0-9_]{2,20}$/));
export const documentRef = /* @__PURE__ */ schema(() =>
  z
    .object({
      componentCode,
      uploadId,
      /** What the file is worth (default: a scan): an electronic original, a certified copy, or a scan. */
      legalStanding: z.enum(LEGAL_STANDINGS).optional(),
      /** When the document itself expires (an identity card, a licence): it is not reused after that day. */
      validUntil: z.iso.date('a date like 2031-05-20').optional(),
    })
    .strict(),
);
/** A document taken from the applicant's e-data store (GET /me/documents) instead of being uploaded again. */
export const storedRef = /* @__PURE__ */ schema(() => z.object({ componentCode, storedDocumentId: z.uuid() }).strict());
/** Each upload, and each stored document, at most once. */
const onceEach = (refs: object[]) => {
  const ids = refs.flatMap((r) =>
    'uploadId' in r ? [String(r.uploadId)] : 'storedDocumentId' in r ? [`stored:${String(r.storedDocumentId)}`] : [],
  );
  return new Set(ids).size === ids.length;
};
/** The documents of one request: each upload at most once (an upload belongs to one place of one dossier). */
const documentRefs = (max: number, min = 0) =>
  z
    .array(documentRef)
    .min(min)
    .max(max)
    .refine((refs) => new Set(refs.map((r) => r.uploadId)).size === refs.length, 'each upload may be used once');

const caseId = /* @__PURE__ */ schema(() => z.string().regex(/^[a-z0-9-]{2,40}$/));
/** How the applicant hears of status changes: every channel they gave a contact for, unless set to false. */
const notifyChoice = /* @__PURE__ */ schema(() =>
  z.object({ email: z.boolean().optional(), sms: z.boolean().optional() }).strict(),
);
/** The procedure's form fields: at most 100 short values. */
const formData = /* @__PURE__ */ schema(() =>
  z
    .record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
    .refine((r) => Object.keys(r).length <= 100, 'at most 100 form fields'),
);

export const createDossierBody = /* @__PURE__ */ schema(() =>
  z
    .object({
      procedureId,
      caseId: caseId.optional(),
      channel: z.enum(['online', 'counter', 'post']).optional(),
      receivingAgencyId: agencyId.optional(),
      applicant,
      notify: notifyChoice.optional(),
      formData: formData.optional(),
      documents: z
        .array(z.union([documentRef, storedRef]))
        .max(50)
        .refine(onceEach, 'each upload or stored document may be used once'),
    })
    .strict()
    .superRefine((body, ctx) => {
      // A channel asked for needs its contact.
      if (body.notify?.email && !body.applicant.email)
        ctx.addIssue({ code: 'custom', path: ['notify', 'email'], message: 'e-mail notices need applicant.email' });
      if (body.notify?.sms && !body.applicant.phone)
        ctx.addIssue({ code: 'custom', path: ['notify', 'sms'], message: 'SMS notices need applicant.phone' });
    }),
);

export const idempotencyHeader = /* @__PURE__ */ schema(() =>
  z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/),
);

export const decisionBody = /* @__PURE__ */ schema(() =>
  z
    .object({
      decision: z.string().regex(/^[a-z_]{2,30}$/),
      note: text(2000).optional(),
      version: z.number().int().positive().optional(),
      resultNumber: text(60).pipe(z.string().min(1)).optional(),
      documents: documentRefs(20).optional(),
      deliveryMethod: z.enum(['counter', 'post', 'online']).optional(),
      /** The new due date of an `extend` decision (apology and re-appointment). */
      dueAt: z.iso.datetime({ offset: true }).optional(),
      waybillNumber: z
        .string()
        .regex(/^[A-Z0-9]{6,30}$/)
        .optional(),
      /** A forwarding decision's destination agency (chuyển liên thông). */
      agencyId: agencyId.optional(),
    })
    .strict(),
);

export const uploadBody = /* @__PURE__ */ schema(() =>
  z
    .object({
      // A file name goes into Content-Disposition headers and printed slips: no control character at all (TAB, CR,
      // LF and NUL included, which free text allows or trims away), no bidi override, no path.
      fileName: z
        .string()
        .max(200)
        .refine(
          (n) => !/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(n),
          'control characters are not allowed in a file name',
        )
        .pipe(text(200))
        .pipe(z.string().min(1))
        .refine((n) => !/[\\/]/.test(n) && n !== '.' && n !== '..', 'a file name, not a path'),
      contentType: z.string().max(100),
      size: z.number().int().positive(),
    })
    .strict(),
);

/** The dossier version the client saw (optional): a change made since is refused with 409 STALE_VERSION. */
const dossierVersion = /* @__PURE__ */ schema(() => z.number().int().positive().optional());

export const supplementBody = /* @__PURE__ */ schema(() =>
  z.object({ documents: documentRefs(50, 1), note: text(2000).optional(), version: dossierVersion }).strict(),
);

export const withdrawBody = /* @__PURE__ */ schema(() =>
  z.object({ reason: text(1000).pipe(z.string().min(3)), version: dossierVersion }).strict(),
);

export const ratingBody = /* @__PURE__ */ schema(() =>
  z
    .object({
      level: z
        .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
        .describe('5 rất hài lòng, 4 hài lòng, 3 bình thường, 2 không hài lòng, 1 rất không hài lòng'),
      // The criteria of Circular 01/2018 Art.13, each 0, 1 or 2 (functions/domain/ratings.ts); no other key.
      criteria: z
        .object(
          Object.fromEntries(
            CRITERIA_IDS.map((id) => [id, z.number().int().min(0).max(2).optional().describe(RATING_CRITERIA[id])]),
          ) as Record<Criterion, z.ZodOptional<z.ZodNumber>>,
        )
        .strict()
        .optional(),
      comment: text(1000).optional(),
    })
    .strict(),
);

/** Mã hồ sơ trên Cổng DVCQG — the national portal's id of a dossier submitted there. */
export const nationalId = /* @__PURE__ */ schema(() =>
  z.string().regex(NATIONAL_ID_PATTERN, 'the portal dossier id: 6–64 characters [A-Za-z0-9._-]'),
);

/** A document the portal hands over: uploaded through /uploads, or kept by the portal and fetched by its URL. */
const portalDocument = /* @__PURE__ */ schema(() =>
  z.union([
    documentRef,
    storedRef,
    z
      .object({
        componentCode: z.string().regex(/^[A-Z0-9_]{2,20}$/),
        url: z.url({ protocol: /^https?$/ }).max(2048),
        fileName: text(200).pipe(z.string().min(1)),
      })
      .strict(),
  ]),
);

/**
 * Hồ sơ từ Cổng DVCQG — a dossier the national portal hands over: its id there, the procedure's national code
 * (maTTHC), the applicant as VNeID verified them, the form data and the documents.
 */
export const portalDossierBody = /* @__PURE__ */ schema(() =>
  z
    .object({
      nationalId,
      procedureCode: procedureId,
      caseId: caseId.optional(),
      receivingAgencyId: agencyId.optional(),
      applicant,
      notify: notifyChoice.optional(),
      formData: formData.optional(),
      documents: z.array(portalDocument).max(50).refine(onceEach, 'each upload or stored document may be used once'),
    })
    .strict(),
);

export const syncListQuery = /* @__PURE__ */ schema(() =>
  z.object({ ...pagination, status: z.enum(['pending', 'failed']).default('failed') }).strict(),
);
