import * as z from 'zod';
import { AGENCY_KINDS } from '../domain/agency-selector';
import { DOSSIER_STATUSES } from '../domain/status';
import { CHANNELS } from '../domain/working-calendar';
import { schema } from './schema';

/**
 * What each route answers on success: documented by GET /openapi.json, and checked against real replies by the
 * end-to-end tests (test/support/http.ts validates every 2xx body against its route's schema). Objects are strict
 * where the shape is ours, so an undocumented field fails the contract test.
 */
const time = /* @__PURE__ */ schema(() => z.string().describe('ISO-8601 with offset, e.g. 2026-03-02T09:15:00+07:00'));
const status = /* @__PURE__ */ schema(() => z.enum(DOSSIER_STATUSES));
const statusCode = /* @__PURE__ */ schema(() => z.number().int().min(1).max(10));
const timeliness = /* @__PURE__ */ schema(() =>
  z.enum(['early', 'on_time', 'late', 'within_deadline', 'overdue']).nullable(),
);
const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).strict();

export const agencyResponse = /* @__PURE__ */ schema(() =>
  z
    .object({
      items: z.array(
        z
          .object({
            id: z.string(),
            code: z.string(),
            name: z.string(),
            kind: z.enum(AGENCY_KINDS),
            parentId: z.string().nullable(),
            unitId: z.string(),
          })
          .strict(),
      ),
      units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() }).loose()),
      nextCursor: z.null(),
    })
    .strict(),
);

const procedureSummary = /* @__PURE__ */ schema(() =>
  z
    .object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      sector: z.string(),
      agencyId: z.string().nullable(),
      receivingAgencyIds: z.array(z.string()),
      onlineMode: z.enum(['full', 'partial', 'none']),
      effectiveFrom: z.string(),
    })
    .strict(),
);
/** A page of the catalogue search, with how many versions in force match the query. */
export const procedurePage = /* @__PURE__ */ schema(() => page(procedureSummary).extend({ total: z.number().int() }));

export const procedureVersion = /* @__PURE__ */ schema(() =>
  z
    .object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      sector: z.string(),
      receivingAgencyIds: z.array(z.string()),
      onlineMode: z.enum(['full', 'partial', 'none']),
      effectiveFrom: z.string(),
      components: z.array(
        z
          .object({ code: z.string(), name: z.string(), mandatory: z.boolean(), formUrl: z.string().optional() })
          .strict(),
      ),
      cases: z.array(
        z
          .object({
            id: z.string(),
            name: z.string(),
            duration: z.object({ value: z.number(), unit: z.string() }),
            fees: z.array(z.object({ name: z.string(), amount: z.number(), channel: z.string() })),
            flowId: z.string(),
          })
          .loose(),
      ),
    })
    .loose(),
);

export const uploadTicket = /* @__PURE__ */ schema(() =>
  z.object({ uploadId: z.uuid(), url: z.string(), fields: z.record(z.string(), z.string()), expiresAt: time }).strict(),
);

export const dossierCreated = /* @__PURE__ */ schema(() =>
  z
    .object({
      code: z.string(),
      status,
      statusCode,
      submittedAt: time,
      receivedAt: time.nullable(),
      dueAt: time.nullable(),
      receiptUrl: z.string(),
    })
    .strict(),
);

const summaryShape = /* @__PURE__ */ schema(() => ({
  code: z.string(),
  procedureId: z.string(),
  procedureName: z.string(),
  status,
  statusCode,
  channel: z.enum(CHANNELS).describe('`dvcqg`: handed over by the national public service portal (counted as online)'),
  receivingAgencyId: z.string(),
  submittedAt: time,
  receivedAt: time.nullable(),
  dueAt: time.nullable(),
  finishedAt: time.nullable(),
  timeliness,
}));
export const dossierSummary = /* @__PURE__ */ schema(() => z.object(summaryShape).strict());
export const dossierPage = /* @__PURE__ */ schema(() => page(dossierSummary));

export const taskSummary = /* @__PURE__ */ schema(() =>
  z
    .object({
      id: z.string(),
      dossierCode: z.string(),
      procedureId: z.string(),
      stepId: z.string(),
      stepName: z.string(),
      role: z.string(),
      agencyId: z.string(),
      openedAt: time,
      dueAt: time,
      overdue: z.boolean(),
      version: z.number().int(),
      allowedDecisions: z.array(z.string()),
    })
    .strict(),
);
export const taskPage = /* @__PURE__ */ schema(() => page(taskSummary));

const documentShape = {
  componentCode: z.string(),
  uploadId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  legalStanding: z.enum(['original-electronic', 'certified-copy', 'scan']).optional(),
  validUntil: z.string().optional(),
  storedDocumentId: z.string().optional().describe("Taken from the applicant's e-data store (GET /me/documents)"),
};
/** A document as a dossier lists it: `href` is the route that gives a download link (GET documentLink). */
const document = /* @__PURE__ */ schema(() => z.object({ ...documentShape, href: z.string() }).strict());
/** A presigned download link, valid until `expiresAt` (five minutes). */
export const documentLink = /* @__PURE__ */ schema(() =>
  z.object({ ...documentShape, url: z.url(), expiresAt: time }).strict(),
);

export const dossierDetail = /* @__PURE__ */ schema(() =>
  z
    .object({
      ...summaryShape,
      caseId: z.string(),
      procedureVersion: z.string(),
      competentAgencyId: z.string(),
      applicant: z
        .object({
          fullName: z.string(),
          idNumber: z.string(),
          phone: z.string().nullable(),
          email: z.string().nullable(),
          address: z.string().nullable(),
          addressUnitId: z.string().nullable(),
        })
        .strict(),
      flowId: z.string(),
      flowVersion: z.number().nullable(),
      currentStepId: z.string().nullable(),
      forwardedTo: z.string().nullable(),
      parallelAnswers: z.array(z.object({ stepId: z.string(), agencyId: z.string(), late: z.boolean() }).loose()),
      formData: z.record(z.string(), z.unknown()),
      documents: z.array(document),
      result: z
        .object({ number: z.string(), signer: z.string(), signedAt: time, documents: z.array(document) })
        .strict()
        .nullable(),
      delivery: z
        .object({ method: z.enum(['counter', 'post', 'online']), waybillNumber: z.string().optional(), at: time })
        .strict()
        .nullable(),
      deliveredAt: time.nullable(),
      version: z.number().int(),
      history: z.array(
        z
          .object({
            at: time,
            actor: z.string(),
            role: z.string(),
            agencyId: z.string().nullable(),
            action: z.string(),
            fromStatus: status.nullable(),
            toStatus: status,
            note: z.string().nullable(),
            stepId: z.string().nullable(),
            stepDueAt: time.nullable(),
            dueAt: time.nullable().describe("The dossier's due date right after this change"),
          })
          .strict(),
      ),
      tasks: z.array(taskSummary),
    })
    .strict(),
);

/** The forms differ by number (receipt, supplement notice, refusal, apology, control slip): data to render. */
export const formResponse = /* @__PURE__ */ schema(() => z.object({ form: z.string() }).loose());

export const supplementAccepted = /* @__PURE__ */ schema(() =>
  z.object({ code: z.string(), status, taskId: z.string() }).strict(),
);

export const ratingSaved = /* @__PURE__ */ schema(() =>
  z
    .object({
      code: z.string(),
      level: z.number().int().min(1).max(5),
      criteria: z.record(z.string(), z.number()),
      comment: z.string().nullable(),
      at: time,
    })
    .strict(),
);

export const decisionAccepted = /* @__PURE__ */ schema(() =>
  z.object({ dossierCode: z.string(), status: status.nullable(), taskId: z.string(), dueAt: time.optional() }).strict(),
);

export const lookupResponse = /* @__PURE__ */ schema(() =>
  z
    .object({
      code: z.string(),
      procedureName: z.string(),
      agencyName: z.string(),
      status,
      statusCode,
      receivedAt: time.nullable(),
      dueAt: time.nullable(),
      finishedAt: time.nullable(),
      timeliness,
      steps: z
        .array(
          z
            .object({
              name: z.string(),
              agencyName: z.string(),
              startedAt: time,
              dueAt: time,
              finishedAt: time.nullable(),
              onTime: z.boolean().nullable(),
            })
            .strict(),
        )
        .optional(),
    })
    .strict(),
);

const execution = /* @__PURE__ */ schema(() =>
  z
    .object({
      name: z.string(),
      flowId: z.string(),
      status: z.string(),
      startDate: z.string().nullable(),
      stopDate: z.string().nullable(),
    })
    .strict(),
);
export const executionPage = /* @__PURE__ */ schema(() => page(execution));

export const operationsView = /* @__PURE__ */ schema(() =>
  z
    .object({
      code: z.string(),
      procedureId: z.string(),
      flowId: z.string(),
      status,
      statusCode,
      currentStepId: z.string().nullable(),
      receivingAgencyId: z.string(),
      competentAgencyId: z.string(),
      dueAt: time.nullable(),
      timeliness,
      openTasks: z.array(
        z
          .object({
            id: z.string(),
            stepId: z.string(),
            state: z.string(),
            role: z.string(),
            agencyId: z.string(),
            dueAt: time,
            overdue: z.boolean(),
            waiting: z.boolean(),
          })
          .strict(),
      ),
      history: z.array(
        z
          .object({
            at: time,
            action: z.string(),
            role: z.string(),
            agencyId: z.string().nullable(),
            fromStatus: status.nullable(),
            toStatus: status,
            stepId: z.string().nullable(),
          })
          .strict(),
      ),
      execution: execution.nullable(),
    })
    .strict(),
);

const count = /* @__PURE__ */ schema(() => z.number().int());
const ratio = /* @__PURE__ */ schema(() => z.number().min(0).max(1).nullable());
/** The Circular 01/2018 groups of a period; a rate is null when its denominator is 0 (or it is not measured yet). */
const figures = {
  received: z
    .object({ total: count, online: count, counter: count, post: count, carriedOver: count })
    .strict()
    .describe('total = online + counter + post + carriedOver (received before the period, still open at its start)'),
  finished: z.object({ total: count, early: count, onTime: count, late: count }).strict(),
  withdrawn: count,
  inProgress: z.object({ total: count, withinDeadline: count, overdue: count }).strict(),
  paused: count.describe('Statuses 5, 6 and 8 at the end of the period'),
  synced: count.describe('Dossiers received in the period whose record has reached the national portal (DVCQG)'),
  documents: z
    .object({ digitised: count, reused: count, electronicResults: count })
    .strict()
    .describe(
      'Received in the period with their documents kept digitally, or reusing a stored one; finished with an electronic result',
    ),
  rates: z
    .object({
      onTime: ratio,
      overallOnTime: ratio,
      online: ratio,
      digitised: ratio,
      reused: ratio,
      onlinePayment: ratio,
      satisfaction: ratio,
      synced: ratio.describe('Synced to the national portal per dossier received in the period (DOSSIER_SYNC)'),
    })
    .strict(),
};
export const statsResponse = /* @__PURE__ */ schema(() =>
  z
    .object({
      from: z.iso.date(),
      to: z.iso.date(),
      groupBy: z.enum(['agency', 'procedure', 'month']).optional(),
      rows: z.array(
        z
          .object({
            ...figures,
            agencyId: z.string().optional(),
            procedureId: z.string().optional(),
            month: z.string().optional(),
          })
          .strict(),
      ),
      total: z.object(figures).strict(),
      notMeasured: z.record(z.string(), z.string()).describe('Rates not measured yet, and why'),
    })
    .strict(),
);

const levelCounts = /* @__PURE__ */ schema(() =>
  z.object({ 1: count, 2: count, 3: count, 4: count, 5: count }).strict(),
);
const satisfactionShape = {
  ratings: count,
  levels: levelCounts,
  rate: ratio.describe('(very satisfied + satisfied) / ratings'),
};
export const satisfactionResponse = /* @__PURE__ */ schema(() =>
  z
    .object({
      from: z.iso.date(),
      to: z.iso.date(),
      levels: z.record(z.string(), z.string()).describe('What each level means'),
      criteria: z.record(z.string(), z.string()).describe('The criteria of the evaluation set (Circular 01/2018)'),
      agencies: z.array(
        z
          .object({
            agencyId: z.string(),
            ...satisfactionShape,
            criteria: z.record(
              z.string(),
              z.object({ answers: count, average: z.number().min(0).max(2).nullable() }).strict(),
            ),
          })
          .strict(),
      ),
      officers: z.array(
        z.object({ sub: z.string(), role: z.string(), agencyId: z.string(), ...satisfactionShape }).strict(),
      ),
      comments: z
        .array(
          z
            .object({
              at: time,
              dossierCode: z.string(),
              procedureId: z.string(),
              level: z.number().int().min(1).max(5),
              comment: z.string(),
            })
            .strict(),
        )
        .describe("The comments given to the caller's own agency (its leaders only), without personal data"),
    })
    .strict(),
);

const indexShape = /* @__PURE__ */ schema(() => ({
  max: z.literal(100),
  score: z.number().describe('Points of the measured indicators'),
  measuredMax: z.number().describe('The points those indicators could give'),
  groups: z.array(
    z
      .object({
        code: z.enum(['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL']),
        name: z.string(),
        max: z.number(),
        score: z.number().nullable(),
        indicators: z.array(
          z
            .object({
              code: z.string(),
              max: z.number(),
              score: z.number().nullable(),
              numerator: z.number().int().optional(),
              denominator: z.number().int().optional(),
              formula: z.string().optional(),
              notMeasured: z.string().optional().describe('Why there is no score: never a made-up number'),
            })
            .strict(),
        ),
      })
      .strict(),
  ),
}));
export const indexResponse = /* @__PURE__ */ schema(() =>
  z
    .object({
      from: z.iso.date(),
      to: z.iso.date(),
      agencies: z.array(z.object({ agencyId: z.string(), ...indexShape }).strict()),
      total: z.object(indexShape).strict(),
    })
    .strict(),
);

/** A dossier the national portal handed over, in our shape and the portal's (`error_code` 0: accepted). */
export const portalDossierCreated = /* @__PURE__ */ schema(() =>
  z
    .object({
      code: z.string(),
      nationalId: z.string(),
      status,
      statusCode,
      submittedAt: time,
      error_code: z.literal(0),
      message: z.string(),
    })
    .strict(),
);

const syncPlace = /* @__PURE__ */ schema(() =>
  z
    .object({
      code: z.string(),
      state: z.enum(['synced', 'pending', 'failed']),
      syncedSeq: z.number().int().describe('The last history entry the portal holds (0: none)'),
      wantedSeq: z.number().int().optional().describe('The entry being sent when it failed'),
      attempts: z.number().int(),
      lastError: z.string().optional(),
      syncedAt: time.optional(),
      counted: z.boolean().optional(),
      updatedAt: time,
    })
    .strict(),
);

export const syncPage = /* @__PURE__ */ schema(() =>
  z.object({ items: z.array(syncPlace), nextCursor: z.string().nullable() }).strict(),
);

export const resendAccepted = /* @__PURE__ */ schema(() => z.object({ code: z.string(), requestedAt: time }).strict());

const storedDocumentShape = /* @__PURE__ */ schema(() => ({
  id: z.uuid(),
  componentCode: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  legalStanding: z.enum(['original-electronic', 'certified-copy', 'scan']),
  digitisedBy: z
    .object({ role: z.string(), agencyId: z.string().nullable() })
    .strict()
    .describe('Who made the electronic file: the desk scanning paper, the applicant, an agency issuing a result'),
  digitisedAt: time,
  issuedBy: z.object({ agencyId: z.string(), resultNumber: z.string(), signedAt: time }).strict().optional(),
  source: z.object({ dossierCode: z.string(), kind: z.enum(['submitted', 'result']) }).strict(),
  validFrom: z.string(),
  validUntil: z.string().optional(),
  storedAt: time,
  href: z.string().describe('GET it for a download link'),
}));

export const storedDocumentPage = /* @__PURE__ */ schema(() =>
  z.object({ items: z.array(z.object(storedDocumentShape).strict()), nextCursor: z.string().nullable() }).strict(),
);

export const storedDocumentLink = /* @__PURE__ */ schema(() =>
  z
    .object({ ...storedDocumentShape, url: z.url(), expiresAt: time })
    .strict()
    .describe('The document and a five-minute download link'),
);
