import { S3Client } from '@aws-sdk/client-s3';
import { lazyClient } from './lazy-client';
import { QUIET_SDK_LOGGER } from './quiet-logger';

const client = /* @__PURE__ */ lazyClient(() => new S3Client({ logger: QUIET_SDK_LOGGER }));
/** A default client signs presigned URLs with the CRC32 of an empty body, which real S3 then rejects. */
const presigner = /* @__PURE__ */ lazyClient(
  () => new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', logger: QUIET_SDK_LOGGER }),
);

/** The S3 client (one per container). */
export function s3() {
  return client.get();
}
/** The client that signs presigned URLs. */
export function s3Presign() {
  return presigner.get();
}

export function resetS3() {
  client.reset();
  presigner.reset();
}
