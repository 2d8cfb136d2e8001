import { createHash } from 'node:crypto';
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { FileStore, UploadTicket } from '../domain/ports';
import { s3, s3Presign } from './clients/s3';
import { PRESIGN_SECONDS } from './download-links';
import { env, requireConfiguration } from './environment';

/** Where presigned uploads land; the bucket's lifecycle rule deletes what no dossier took. */
export const UPLOAD_PREFIX = 'uploads/';
/** A dossier's files, scoped under its code. */
export const dossierFileKey = (code: string, uploadId: string) => `dossiers/${code}/${uploadId}`;

/** The files bucket on S3: private, reached by the browser only through presigned POSTs and GETs. */
export class S3FileStore implements FileStore {
  constructor() {
    requireConfiguration('BUCKET_NAME');
  }

  uploadKey(uploadId: string) {
    return `${UPLOAD_PREFIX}${uploadId}`;
  }

  /**
   * A presigned POST whose policy pins the key, the exact content type and the exact declared size, so S3 itself
   * refuses a file that differs from what the client declared.
   */
  async presignUpload(key: string, contentType: string, size: number, now: number): Promise<UploadTicket> {
    const { url, fields } = await createPresignedPost(s3Presign(), {
      Bucket: env('BUCKET_NAME'),
      Key: key,
      Conditions: [
        ['content-length-range', size, size],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: PRESIGN_SECONDS,
    });
    return { url, fields, expiresAt: now + PRESIGN_SECONDS * 1000 };
  }

  async stat(key: string): Promise<{ size: number; contentType: string } | undefined> {
    try {
      const head = await s3().send(new HeadObjectCommand({ Bucket: env('BUCKET_NAME'), Key: key }));
      return { size: Number(head.ContentLength ?? 0), contentType: head.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
      throw error;
    }
  }

  /**
   * The object is copied under the dossier's prefix (same encryption, type and metadata), out of reach of the
   * upload expiry. Idempotent: copying again writes the same object.
   */
  dossierKey(code: string, uploadId: string) {
    return dossierFileKey(code, uploadId);
  }

  async copyToDossier(sourceKey: string, code: string, uploadId: string): Promise<string> {
    const key = dossierFileKey(code, uploadId);
    if (sourceKey === key) return key;
    const bucket = env('BUCKET_NAME');
    await s3().send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: key,
        CopySource: `${bucket}/${sourceKey}`,
        MetadataDirective: 'COPY',
      }),
    );
    return key;
  }

  async sha256(key: string) {
    try {
      const object = await s3().send(new GetObjectCommand({ Bucket: env('BUCKET_NAME'), Key: key }));
      const hash = createHash('sha256');
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async put(key: string, body: Uint8Array, contentType: string) {
    await s3().send(
      new PutObjectCommand({ Bucket: env('BUCKET_NAME'), Key: key, Body: body, ContentType: contentType }),
    );
  }
}

/** A JSON document stored in S3 (the seed's catalogue, shipped as a deployment asset). */
export async function getJsonObject<T>(bucket: string, key: string): Promise<T> {
  const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse(await object.Body!.transformToString('utf8')) as T;
}
