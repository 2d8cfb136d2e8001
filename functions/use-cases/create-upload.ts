import { randomUUID } from 'node:crypto';
import { catalogue, clock, files, uploads } from '../composition';
import type { Actor } from '../domain/dossier';
import { AppError } from '../domain/errors';
import { toVietnamIso } from '../domain/vietnam-time';

/** An upload not attached to a dossier within a day is forgotten (and its object expires by lifecycle rule). */
const UPLOAD_TTL_SECONDS = 24 * 3600;

/**
 * Tải tệp lên — a presigned POST for one document of the caller's: an allowed type, at most the province's size
 * limit, and then exactly the declared type and size (the S3 policy holds them; submission checks them again).
 */
export async function createUpload(actor: Actor, input: { fileName: string; contentType: string; size: number }) {
  const limits = (await catalogue.province()).uploads;
  if (!limits.allowedContentTypes.includes(input.contentType)) {
    throw new AppError(
      'unsupported_media_type',
      'CONTENT_TYPE_NOT_ALLOWED',
      `Loại tệp ${input.contentType} không được chấp nhận`,
      { allowed: limits.allowedContentTypes },
    );
  }
  if (input.size > limits.maxBytes) {
    throw new AppError('payload_too_large', 'FILE_TOO_LARGE', `Tệp vượt quá ${limits.maxBytes} byte`, {
      maxBytes: limits.maxBytes,
    });
  }
  const now = clock.now();
  const uploadId = randomUUID();
  const key = files.uploadKey(uploadId);
  const ticket = await files.presignUpload(key, input.contentType, input.size, now);
  await uploads.saveUpload(
    {
      uploadId,
      owner: actor.sub,
      key,
      fileName: input.fileName,
      contentType: input.contentType,
      size: input.size,
      createdAt: toVietnamIso(now),
    },
    UPLOAD_TTL_SECONDS,
  );
  return { uploadId, url: ticket.url, fields: ticket.fields, expiresAt: toVietnamIso(ticket.expiresAt) };
}
