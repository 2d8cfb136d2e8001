import { clock, dossiers } from '../composition';
import { AppError } from '../domain/errors';
import { STATUS_CODES } from '../domain/status';
import { httpHandler } from '../http/handler';
import { withdrawDossier as withdraw } from '../use-cases/close-dossier';
import { dossierDetail, dossierDocument, dossierForm, summaryView } from '../use-cases/dossier-views';
import { myDocument, myDocuments } from '../use-cases/e-data';
import { rateDossier as rate } from '../use-cases/rate-dossier';
import { submitDossier } from '../use-cases/submit-dossier';
import { supplementDossier as supplement } from '../use-cases/supplement-dossier';
import { idempotencyHeader } from './schemas';
import {
  createDossierSpec,
  getDossierDocumentSpec,
  getDossierFormSpec,
  getDossierSpec,
  getMyDocumentSpec,
  listDossiersSpec,
  listMyDocumentsSpec,
  rateDossierSpec,
  supplementDossierSpec,
  withdrawDossierSpec,
} from './specs';

/** Nộp hồ sơ — a citizen's online submission or a receiver's counter intake; requires an Idempotency-Key. */
export const createDossier = /* @__PURE__ */ httpHandler(createDossierSpec, async ({ body, actor, headers }) => {
  const key = idempotencyHeader.safeParse(headers['idempotency-key']);
  if (!key.success) {
    throw new AppError('validation', 'IDEMPOTENCY_KEY_REQUIRED', 'Cần header Idempotency-Key (8–128 ký tự)', [
      { in: 'header', field: 'Idempotency-Key', message: 'required: 8–128 characters [A-Za-z0-9_.:-]' },
    ]);
  }
  const { created, dossier } = await submitDossier(actor, body, key.data);
  return {
    headers: { 'idempotent-replayed': String(!created) },
    body: {
      code: dossier.code,
      status: dossier.status,
      statusCode: STATUS_CODES[dossier.status],
      submittedAt: dossier.submittedAt,
      receivedAt: dossier.receivedAt ?? null,
      dueAt: dossier.dueAt ?? null,
      receiptUrl: `/dossiers/${dossier.code}`,
    },
  };
});

/** The caller's own dossiers (citizen) or those that passed through the officer's agency. */
export const listDossiers = /* @__PURE__ */ httpHandler(listDossiersSpec, async ({ query, actor }) => {
  const page =
    actor.role === 'citizen'
      ? await dossiers.listByApplicant(actor.sub, query.limit, query.cursor, query.status)
      : actor.agencyId
        ? await dossiers.listByAgency(actor.agencyId, query.limit, query.cursor, query.status)
        : { items: [], nextCursor: null };
  const now = clock.now();
  const items = page.items.map((d) => summaryView(d, now));
  return { body: { items, nextCursor: page.nextCursor } };
});

export const getDossier = /* @__PURE__ */ httpHandler(getDossierSpec, async ({ path, actor }) => ({
  body: await dossierDetail(actor, path.code),
}));

/** A document of the dossier (submitted or result): a presigned download link that lives five minutes. */
export const getDossierDocument = /* @__PURE__ */ httpHandler(getDossierDocumentSpec, async ({ path, actor }) => ({
  body: await dossierDocument(actor, path.code, path.uploadId),
}));

/** Biểu mẫu — forms 01 (receipt), 02, 03 (refusal), 04 (apology), 05 (control slip) as data to render. */
export const getDossierForm = /* @__PURE__ */ httpHandler(getDossierFormSpec, async ({ path, actor }) => ({
  body: await dossierForm(actor, path.code, path.form),
}));

/**
 * Nộp bổ sung — the applicant sends what a waiting step asked for: the supplement (status 5), the missing items of an
 * incomplete intake, or the proof of payment of a financial obligation (status 6). The desk may act on their behalf.
 */
export const supplementDossier = /* @__PURE__ */ httpHandler(supplementDossierSpec, async ({ path, body, actor }) => ({
  body: await supplement(actor, path.code, body),
}));

/** Rút hồ sơ — the applicant withdraws the dossier before its result is ready. */
export const withdrawDossier = /* @__PURE__ */ httpHandler(withdrawDossierSpec, async ({ path, body, actor }) => ({
  body: summaryView(await withdraw(actor, path.code, body.reason, body.version), clock.now()),
}));

/** Đánh giá mức độ hài lòng — the applicant's one rating, after delivery. */
export const rateDossier = /* @__PURE__ */ httpHandler(rateDossierSpec, async ({ path, body, actor }) => ({
  body: await rate(actor, path.code, body),
}));

/** Kho dữ liệu điện tử — the documents the province keeps for the caller (identified through VNeID). */
export const listMyDocuments = /* @__PURE__ */ httpHandler(listMyDocumentsSpec, async ({ actor, query }) => ({
  body: await myDocuments(actor, query),
}));

/** One stored document of the caller's, with a five-minute download link. */
export const getMyDocument = /* @__PURE__ */ httpHandler(getMyDocumentSpec, async ({ actor, path }) => ({
  body: await myDocument(actor, path.id),
}));
