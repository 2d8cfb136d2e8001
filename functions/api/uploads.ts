import { httpHandler } from '../http/handler';
import { createUpload as create } from '../use-cases/create-upload';
import { createUploadSpec } from './specs';

/** A presigned POST for one document; the S3 policy enforces the declared type and exactly the declared size. */
export const createUpload = /* @__PURE__ */ httpHandler(createUploadSpec, async ({ body, actor }) => ({
  body: await create(actor, body),
}));
