import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DownloadLinks } from '../domain/ports';
import { toVietnamIso } from '../domain/vietnam-time';
import { s3Presign } from './clients/s3';
import { env, requireConfiguration } from './environment';

/** Presigned URLs live five minutes: long enough for a phone upload, short enough to be useless if leaked. */
export const PRESIGN_SECONDS = 300;

/** Presigned GETs of the private files bucket: a dossier's reader gets links, never the bucket. */
export class S3DownloadLinks implements DownloadLinks {
  constructor() {
    requireConfiguration('BUCKET_NAME');
  }

  async presignDownload(key: string, fileName: string) {
    // S3 checks the signature against its own clock: the expiry is real time, not the development clock.
    const signedAt = Date.now();
    const url = await getSignedUrl(
      s3Presign(),
      new GetObjectCommand({
        Bucket: env('BUCKET_NAME'),
        Key: key,
        ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      }),
      { expiresIn: PRESIGN_SECONDS, signingDate: new Date(signedAt) },
    );
    return { url, expiresAt: toVietnamIso(signedAt + PRESIGN_SECONDS * 1000) };
  }
}
