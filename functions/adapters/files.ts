import { GetObjectCommand, HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { awsClients, env } from './aws-clients';

/** Presigned URLs live five minutes: long enough for a phone upload, short enough to be useless if leaked. */
export const PRESIGN_SECONDS = 300;

export interface UploadTicket {
  url: string;
  fields: Record<string, string>;
  expiresAt: number;
}

/**
 * A presigned POST whose policy pins the key, the exact content type and the size range, so S3 itself refuses a
 * file that differs from what the client declared.
 */
export async function presignUpload(
  key: string,
  contentType: string,
  maxBytes: number,
  now: number,
): Promise<UploadTicket> {
  const { url, fields } = await createPresignedPost(awsClients().s3Presign, {
    Bucket: env('BUCKET_NAME'),
    Key: key,
    Conditions: [
      ['content-length-range', 1, maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: PRESIGN_SECONDS,
  });
  return { url, fields, expiresAt: now + PRESIGN_SECONDS * 1000 };
}

/** The stored object's size and type, or undefined when nothing was uploaded under the key. */
export async function headObject(key: string): Promise<{ size: number; contentType: string } | undefined> {
  try {
    const head = await awsClients().s3.send(new HeadObjectCommand({ Bucket: env('BUCKET_NAME'), Key: key }));
    return { size: Number(head.ContentLength ?? 0), contentType: head.ContentType ?? 'application/octet-stream' };
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
    throw error;
  }
}

export function presignDownload(key: string, fileName: string) {
  return getSignedUrl(
    awsClients().s3Presign,
    new GetObjectCommand({
      Bucket: env('BUCKET_NAME'),
      Key: key,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    }),
    { expiresIn: PRESIGN_SECONDS },
  );
}
