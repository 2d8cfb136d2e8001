import { S3Client } from '@aws-sdk/client-s3';

let client: S3Client | undefined;
let presigner: S3Client | undefined;

/** The S3 client (one per container). */
export function s3(): S3Client {
  client ??= new S3Client({});
  return client;
}

/** The client that signs presigned URLs: a default one signs the CRC32 of an empty body, which real S3 rejects. */
export function s3Presign(): S3Client {
  presigner ??= new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
  return presigner;
}

export function resetS3() {
  client = undefined;
  presigner = undefined;
}
