import { createHash } from 'node:crypto';
import { calendarOf, catalogue, clock, dossiers, eData, files, flowSteps, uploads } from '../composition';
import { resolveAgency } from '../domain/agency-selector';
import type { Actor, Applicant, Dossier, DossierDocument, LegalStanding } from '../domain/dossier';
import { counterKey, formatDossierCode } from '../domain/dossier-code';
import { reusable } from '../domain/e-data';
import { AppError, businessRule, conflict, forbidden, uploadAlreadyUsed } from '../domain/errors';
import { notYetDecided } from '../domain/flow-position';
import { createDossier } from '../domain/lifecycle/intake';
import { openTask, routingFacts } from '../domain/lifecycle/routing';
import { checkComponents, type ProcedureCase, versionInForce } from '../domain/procedure';
import { localDate } from '../domain/vietnam-time';
import { type Channel, isOnline } from '../domain/working-calendar';
import { ensureExecution } from './drive-dossier';

export interface SubmitOptions {
  /** Whose keys the idempotency key is among (default: the caller's). */
  idempotencyScope?: string;
  /** Stores documents that are not uploads yet (fetched by URL), once the procedure's own checks passed. */
  prepareDocuments?: () => Promise<void>;
}

export interface SubmitInput {
  procedureId: string;
  caseId?: string;
  channel?: Channel;
  receivingAgencyId?: string;
  /** The national portal's id of a dossier it hands over. */
  nationalId?: string;
  applicant: Omit<Applicant, 'sub'>;
  notify?: { email?: boolean; sms?: boolean };
  formData?: Record<string, unknown>;
  documents: (UploadRef | StoredRef)[];
}

/** A document uploaded for this request, as the submitter describes it. */
export interface UploadRef {
  componentCode: string;
  uploadId: string;
  legalStanding?: LegalStanding | undefined;
  validUntil?: string | undefined;
}
/** A document taken from the applicant's e-data store. */
export interface StoredRef {
  componentCode: string;
  storedDocumentId: string;
}

/**
 * Resolves upload ids to the caller's stored files, refusing ids of others, files never uploaded, files whose stored
 * size or type differ from what was declared, and uploads already attached to a dossier (the attaching transaction
 * checks that last one again, against a concurrent request). The record and the stored file are read at once: an
 * upload's key follows from its id.
 */
export async function resolveDocuments(actor: Actor, documents: UploadRef[]) {
  // The records in one read, each stored file at once.
  const records = uploads.getUploads(documents.map((d) => d.uploadId));
  records.catch(() => undefined);
  return Promise.all(
    documents.map(async ({ componentCode, uploadId, legalStanding, validUntil }): Promise<DossierDocument> => {
      const key = files.uploadKey(uploadId);
      const [upload, file] = await Promise.all([records.then((found) => found.get(uploadId)), files.stat(key)]);
      if (!upload || upload.owner !== actor.sub) {
        throw businessRule('UPLOAD_NOT_FOUND', `Không tìm thấy tệp ${uploadId} của bạn`, { uploadId });
      }
      if (upload.usedBy) {
        throw uploadAlreadyUsed([uploadId]);
      }
      const stored = upload.key === key ? file : await files.stat(upload.key);
      if (!stored) throw businessRule('UPLOAD_MISSING', `Tệp ${upload.fileName} chưa được tải lên`, { uploadId });
      if (stored.size !== upload.size || stored.contentType !== upload.contentType) {
        throw businessRule('UPLOAD_MISMATCH', `Tệp ${upload.fileName} không khớp với khai báo`, {
          uploadId,
          declared: { size: upload.size, contentType: upload.contentType },
          stored,
        });
      }
      return {
        componentCode,
        uploadId,
        key: upload.key,
        fileName: upload.fileName,
        contentType: upload.contentType,
        size: stored.size,
        ...(legalStanding ? { legalStanding } : {}),
        ...(validUntil ? { validUntil } : {}),
      };
    }),
  );
}

/**
 * The documents of a submission: uploads as above, and documents taken from the applicant's e-data store. Only the
 * applicant reuses their own: a citizen whose sign-in verified that identification number, the desk with the
 * applicant before it, or the national portal (VNeID verified them there).
 */
async function resolveSubmitted(actor: Actor, applicantIdNumber: string, documents: (UploadRef | StoredRef)[]) {
  const stored = documents.filter((d): d is StoredRef => 'storedDocumentId' in d);
  if (stored.length && actor.role === 'citizen' && actor.idNumber !== applicantIdNumber) {
    throw businessRule(
      'IDENTITY_NOT_VERIFIED',
      'Chỉ dùng lại giấy tờ trong kho của chính mình: tài khoản cần được định danh (VNeID) đúng số định danh người nộp',
      { fields: ['applicant.idNumber'] },
    );
  }
  const today = localDate(clock.now());
  const [uploaded, reused] = await Promise.all([
    resolveDocuments(
      actor,
      documents.filter((d): d is UploadRef => 'uploadId' in d),
    ),
    Promise.all(
      stored.map(async ({ componentCode, storedDocumentId }): Promise<DossierDocument> => {
        const found = reusable(
          await eData.get(applicantIdNumber, storedDocumentId),
          applicantIdNumber,
          today,
          storedDocumentId,
        );
        return {
          componentCode,
          uploadId: found.id,
          key: found.key,
          fileName: found.fileName,
          contentType: found.contentType,
          size: found.size,
          legalStanding: found.legalStanding,
          ...(found.validUntil ? { validUntil: found.validUntil } : {}),
          storedDocumentId: found.id,
          sourceKey: found.key,
        };
      }),
    ),
  ]);
  // In the order submitted.
  return documents.map((d) => ('uploadId' in d ? uploaded.shift()! : reused.shift()!));
}

/**
 * The applicant's commune/ward must be a unit of the province; a unit merged away is replaced by its successor
 * (2025 reorganisation). Required when the flow routes a step to the applicant's commune.
 */
async function checkAddressUnit(applicant: SubmitInput['applicant'], required: boolean) {
  if (!applicant.addressUnitId) {
    if (!required) return applicant;
    throw businessRule('ADDRESS_UNIT_REQUIRED', 'Cần chọn xã/phường nơi cư trú (applicant.addressUnitId)', {
      fields: ['applicant.addressUnitId'],
    });
  }
  const units = (await catalogue.province()).units ?? [];
  let unit = units.find((u) => u.id === applicant.addressUnitId);
  for (let hops = 0; unit?.successorId && hops < 5; hops++) {
    const successorId: string = unit.successorId;
    unit = units.find((u) => u.id === successorId);
  }
  if (!unit || unit.validTo) {
    throw businessRule('UNKNOWN_ADDRESS_UNIT', `Không có đơn vị hành chính ${applicant.addressUnitId}`, {
      fields: ['applicant.addressUnitId'],
    });
  }
  return { ...applicant, addressUnitId: unit.id };
}

/** Takes validated uploads into the dossier: each object is copied under `dossiers/<code>/`, where it stays. */
export function attachDocuments(code: string, documents: DossierDocument[]): Promise<DossierDocument[]> {
  return Promise.all(documents.map(async (d) => ({ ...d, key: await files.copyToDossier(d.key, code, d.uploadId) })));
}

function bodyHash(body: unknown) {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

/**
 * Nộp hồ sơ — validates the dossier against the procedure version in force, allocates its code, writes it with its
 * first history entry and the idempotency record in one transaction, then starts the case's flow. A retry with the
 * same Idempotency-Key and body returns the same dossier (and makes sure its execution runs).
 */
export async function submitDossier(
  actor: Actor,
  input: SubmitInput,
  idempotencyKey: string,
  options: SubmitOptions = {},
) {
  const hash = bodyHash(input);
  const scope = options.idempotencyScope ?? actor.sub;
  // Independent reads at once: a retry's first answer, the procedure, and the uploads with their files (the last two
  // read for nothing on a retry, which is rare; the uploads are judged only after the procedure's own checks).
  // Documents still to be fetched are resolved once the procedure's checks passed.
  const resolving = options.prepareDocuments
    ? undefined
    : resolveSubmitted(actor, input.applicant.idNumber, input.documents);
  resolving?.catch(() => undefined);
  const [replay, versions] = await Promise.all([
    replayed(scope, idempotencyKey, hash),
    catalogue.procedureVersions(input.procedureId),
  ]);
  if (replay) return replay;

  const now = clock.now();
  const version = versionInForce(versions, localDate(now));
  if (!version)
    throw businessRule('PROCEDURE_NOT_FOUND', `Thủ tục ${input.procedureId} không tồn tại hoặc chưa có hiệu lực`);
  const procedureCase = input.caseId ? version.cases.find((c) => c.id === input.caseId) : version.cases[0];
  if (!procedureCase) throw businessRule('CASE_NOT_FOUND', `Thủ tục không có trường hợp ${input.caseId}`);

  const atDesk = actor.role === 'receiver';
  const receivingAgencyId = atDesk ? actor.agencyId : (input.receivingAgencyId ?? version.receivingAgencyIds[0]);
  if (!receivingAgencyId || !version.receivingAgencyIds.includes(receivingAgencyId)) {
    if (atDesk)
      throw forbidden('Cơ quan của bạn không tiếp nhận thủ tục này (your agency does not receive this procedure)');
    throw businessRule('AGENCY_NOT_RECEIVING', `Cơ quan ${receivingAgencyId} không tiếp nhận thủ tục này`, {
      receivingAgencyIds: version.receivingAgencyIds,
    });
  }
  const fromPortal = actor.role === 'portal';
  const channel: Channel = atDesk ? (input.channel ?? 'counter') : fromPortal ? 'dvcqg' : 'online';
  if (!atDesk && input.channel && input.channel !== channel) {
    throw businessRule('CHANNEL_NOT_ALLOWED', 'Công dân chỉ nộp hồ sơ trực tuyến; nộp trực tiếp tại Bộ phận Một cửa');
  }
  if (isOnline(channel) && version.onlineMode === 'none') {
    throw businessRule('ONLINE_NOT_AVAILABLE', 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến');
  }
  const { missing, unknown } = checkComponents(
    version,
    input.documents.map((d) => d.componentCode),
  );
  if (missing.length > 0 || unknown.length > 0) {
    throw businessRule('INCOMPLETE_DOSSIER', 'Hồ sơ chưa đầy đủ thành phần bắt buộc', { missing, unknown });
  }
  const applicant = await checkAddressUnit(input.applicant, procedureCase.requiresAddressUnit === true);
  if (options.prepareDocuments) await options.prepareDocuments();
  const uploaded = await (resolving ?? resolveSubmitted(actor, input.applicant.idNumber, input.documents));

  const sequence = await dossiers.nextSequence(counterKey(receivingAgencyId, now));
  const code = formatDossierCode(receivingAgencyId, now, sequence);
  // Each document is named under the dossier at once; the file-documents reaction copies it there.
  const documents = uploaded.map((d) => ({ ...d, key: files.dossierKey(code, d.uploadId) }));
  const { dossier: created, event } = createDossier({
    code,
    version,
    procedureCase,
    channel,
    applicant: { ...applicant, sub: applicantSub(actor, input.applicant.idNumber) },
    receivingAgencyId,
    nationalId: input.nationalId,
    notify: input.notify,
    documents,
    formData: input.formData ?? {},
    actor,
    now,
    calendar: await calendarOf(receivingAgencyId),
  });
  // The first step's task opens with the dossier: the execution starts waiting on it, with no step of its own.
  const opened = await openFirstStep(created, procedureCase, now);
  const dossier = opened?.dossier ?? created;
  try {
    await dossiers.createDossier(
      dossier,
      event,
      { sub: scope, key: idempotencyKey, bodyHash: hash },
      opened && { task: opened.task, before: created, ...(opened.event ? { event: opened.event } : {}) },
    );
  } catch (error) {
    // A concurrent retry with the same key won the race: answer as it did.
    const again =
      error instanceof AppError && error.code === 'IDEMPOTENCY_KEY_IN_USE'
        ? await replayed(scope, idempotencyKey, hash)
        : undefined;
    if (again) return again;
    throw error;
  }
  await ensureExecution(dossier, procedureCase, opened?.task);
  return { created: true, dossier };
}

/**
 * The task of the step a new dossier starts at, opened as the flow's open-task would. Not for a parallel step, nor
 * for a step that changes the status as it opens (a counter intake straight to processing): the dossier is answered
 * in the status it was received in (API.md), and the flow opens that step itself.
 */
async function openFirstStep(dossier: Dossier, procedureCase: ProcedureCase, now: number) {
  const step = dossier.currentStepId && flowSteps.taskStep(dossier.flowId, dossier.flowVersion, dossier.currentStepId);
  const hours = step ? procedureCase.stepHours[step.id] : undefined;
  if (!step || hours === undefined || (step.entryStatus && step.entryStatus !== dossier.status)) return undefined;
  const agencyId = resolveAgency(step.agency, routingFacts(dossier), (await catalogue.province()).agencies);
  const opened = openTask(dossier, step, hours, now, await calendarOf(agencyId), agencyId);
  return 'task' in opened ? opened : undefined;
}

/**
 * Whose dossier it is in the listings: the citizen who signed in; for a counter intake or a dossier the national
 * portal handed over (the applicant signed in there, with VNeID), the applicant's personal identification number.
 */
function applicantSub(actor: Actor, idNumber: string) {
  if (actor.role === 'receiver') return `counter:${idNumber}`;
  if (actor.role === 'portal') return `dvcqg:${idNumber}`;
  return actor.sub;
}

async function replayed(scope: string, key: string, hash: string) {
  const record = await dossiers.findIdempotency(scope, key);
  if (!record) return undefined;
  if (record.bodyHash !== hash) {
    throw conflict(
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key này đã dùng cho một yêu cầu khác (key reused with another body)',
    );
  }
  const dossier = await dossiers.getDossier(record.code);
  if (!dossier) throw new Error(`idempotency record points to missing dossier ${record.code}`);
  // The first attempt may have stopped between its write and StartExecution: starting again is harmless.
  if (notYetDecided(dossier)) await ensureExecution(dossier);
  return { created: false, dossier };
}
