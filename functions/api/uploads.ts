import { randomUUID } from 'node:crypto';
import { presignUpload, uploadKey } from '../adapters/files';
import { catalogue, clock, dossiers } from '../composition';
import { AppError } from '../domain/errors';
import { toVietnamIso } from '../domain/vietnam-time';
import { httpHandler } from '../http/handler';
import { uploadBody } from './schemas';

/** An upload not attached to a dossier within a day is forgotten (and its object expires by lifecycle rule). */
const UPLOAD_TTL_SECONDS = 24 * 3600;

/** A presigned POST for one document; the S3 policy enforces the declared type and exactly the declared size. */
export const createUpload = httpHandler({ route: 'POST /uploads', body: uploadBody }, async ({ body, actor }) => {
  const { uploads } = await catalogue.province();
  if (!uploads.allowedContentTypes.includes(body.contentType)) {
    throw new AppError(
      'unsupported_media_type',
      'CONTENT_TYPE_NOT_ALLOWED',
      `Loại tệp ${body.contentType} không được chấp nhận`,
      {
        allowed: uploads.allowedContentTypes,
      },
    );
  }
  if (body.size > uploads.maxBytes) {
    throw new AppError('payload_too_large', 'FILE_TOO_LARGE', `Tệp vượt quá ${uploads.maxBytes} byte`, {
      maxBytes: uploads.maxBytes,
    });
  }
  const now = clock.now();
  const uploadId = randomUUID();
  const key = uploadKey(uploadId);
  const ticket = await presignUpload(key, body.contentType, body.size, now);
  await dossiers.saveUpload(
    {
      uploadId,
      owner: actor.sub,
      key,
      fileName: body.fileName,
      contentType: body.contentType,
      size: body.size,
      createdAt: toVietnamIso(now),
    },
    UPLOAD_TTL_SECONDS,
  );
  return {
    status: 201,
    body: { uploadId, url: ticket.url, fields: ticket.fields, expiresAt: toVietnamIso(ticket.expiresAt) },
  };
});
