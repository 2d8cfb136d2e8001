import { createHash } from 'node:crypto';
import { catalogue, clock, documentFetcher, files, syncs, uploads } from '../composition';
import type { Actor, Applicant } from '../domain/dossier';
import { AppError } from '../domain/errors';
import { NATIONAL_ID_PATTERN } from '../domain/national-portal';
import { DocumentFetchError } from '../domain/ports';
import { toVietnamIso } from '../domain/vietnam-time';
import { derivedId } from './derived-id';
import { type StoredRef, submitDossier, type UploadRef } from './submit-dossier';

/** The idempotency keys of handed-over dossiers: the portal's ids, whichever of its clients sends them. */
const IDEMPOTENCY_SCOPE = 'dvcqg';
/** A fetched document is kept as an upload for a day, until its dossier takes it (as any upload). */
const FETCHED_TTL_SECONDS = 24 * 3600;

export type PortalDocument = UploadRef | StoredRef | { componentCode: string; url: string; fileName: string };

export interface PortalDossierInput {
  nationalId: string;
  procedureCode: string;
  caseId?: string | undefined;
  receivingAgencyId?: string | undefined;
  applicant: Omit<Applicant, 'sub'>;
  notify?: { email?: boolean | undefined; sms?: boolean | undefined } | undefined;
  formData?: Record<string, unknown> | undefined;
  documents: PortalDocument[];
}

/** The upload id a fetched document is kept under: the same for the same dossier, place and source, on every resend. */
const fetchedUploadId = (nationalId: string, index: number, doc: { url: string; fileName: string }) =>
  derivedId(JSON.stringify([nationalId, index, doc.url, doc.fileName]));

const FETCH_ERRORS = {
  unreachable: ['business_rule', 'DOCUMENT_UNREACHABLE', 'Không tải được giấy tờ từ Cổng DVCQG'],
  too_large: ['payload_too_large', 'DOCUMENT_TOO_LARGE', 'Giấy tờ vượt quá dung lượng cho phép'],
  type_not_allowed: ['unsupported_media_type', 'DOCUMENT_TYPE_NOT_ALLOWED', 'Loại tệp giấy tờ không được chấp nhận'],
} as const;

/**
 * Tiếp nhận hồ sơ từ Cổng DVCQG — a dossier submitted on the national portal enters the flow exactly as an online
 * submission (channel `dvcqg`). Idempotent by the portal's id: the same body again is the same dossier, another
 * body with that id is a 409 (both answered before anything is fetched). Documents kept by the portal are fetched
 * into the files bucket once the procedure's checks passed, each under an upload id derived from its source, so a
 * resend after a crash finds what was fetched.
 */
export async function receiveFromPortal(actor: Actor, input: PortalDossierInput) {
  const documents = input.documents.map((doc, index): UploadRef | StoredRef =>
    'url' in doc ? { componentCode: doc.componentCode, uploadId: fetchedUploadId(input.nationalId, index, doc) } : doc,
  );
  const toFetch = input.documents.flatMap((doc, index) => {
    const named = documents[index]!;
    return 'url' in doc && 'uploadId' in named ? [{ ...doc, uploadId: named.uploadId }] : [];
  });
  const prepareDocuments = async () => {
    const limits = (await catalogue.province()).uploads;
    await Promise.all(
      toFetch.map(async (doc) => {
        if (await uploads.getUpload(doc.uploadId)) return;
        let fetched: Awaited<ReturnType<typeof documentFetcher.fetch>>;
        try {
          fetched = await documentFetcher.fetch(doc.url, limits);
        } catch (error) {
          if (!(error instanceof DocumentFetchError)) throw error;
          const [kind, code, message] = FETCH_ERRORS[error.reason];
          throw new AppError(kind, code, `${message}: ${doc.fileName}`, {
            componentCode: doc.componentCode,
            url: doc.url,
            reason: error.message,
          });
        }
        const key = files.uploadKey(doc.uploadId);
        await files.put(key, fetched.body, fetched.contentType);
        await uploads
          .saveUpload(
            {
              uploadId: doc.uploadId,
              owner: actor.sub,
              key,
              fileName: doc.fileName,
              contentType: fetched.contentType,
              size: fetched.body.byteLength,
              createdAt: toVietnamIso(clock.now()),
            },
            FETCHED_TTL_SECONDS,
          )
          // Fetched at the same time by a resend: the same file under the same id, recorded by the other.
          .catch(async (error: unknown) => {
            if (!(await uploads.getUpload(doc.uploadId))) throw error;
          });
      }),
    );
  };
  return submitDossier(
    actor,
    {
      procedureId: input.procedureCode,
      ...(input.caseId ? { caseId: input.caseId } : {}),
      ...(input.receivingAgencyId ? { receivingAgencyId: input.receivingAgencyId } : {}),
      nationalId: input.nationalId,
      applicant: input.applicant,
      ...(input.notify ? { notify: input.notify } : {}),
      ...(input.formData ? { formData: input.formData } : {}),
      documents,
    },
    input.nationalId,
    { idempotencyScope: IDEMPOTENCY_SCOPE, ...(toFetch.length ? { prepareDocuments } : {}) },
  );
}

/**
 * Tells the portal a dossier it handed over was refused (once per id and body: a resend of the same refused body
 * tells it nothing new). A conflict with an earlier body of the same id is not a refusal: that dossier stands.
 */
export async function refuseFromPortal(body: unknown, error: AppError) {
  if (error.statusCode === 409 || error.statusCode === 401 || error.statusCode === 403) return;
  const given = (body ?? {}) as { nationalId?: unknown; procedureCode?: unknown };
  if (typeof given.nationalId !== 'string' || !NATIONAL_ID_PATTERN.test(given.nationalId)) return;
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
  await syncs.recordRefusal(
    {
      nationalId: given.nationalId,
      procedureCode: typeof given.procedureCode === 'string' ? given.procedureCode.slice(0, 40) : '',
      at: toVietnamIso(clock.now()),
      error: { code: error.code, message: error.message, details: error.details ?? null },
    },
    hash,
  );
}
