import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../../domain/errors';
import { lazyClient } from './lazy-client';
import { QUIET_SDK_LOGGER } from './quiet-logger';

/*
 * One module per SDK client: a function bundles only the clients its adapters use. Each client is created once per
 * container (warm invocations reuse its connections); its endpoint comes only from the SDK's standard variables
 * (AWS_ENDPOINT_URL_DYNAMODB, _S3, _SFN, ...), so nothing here knows which host it runs on.
 */

/**
 * DynamoDB rejects some requests because of what the client sent (a pagination key of another query, an item over
 * 400 KB, a key attribute over its size limit). Those are the client's 4xx, never a 500; any other ValidationException
 * is our own bug and stays a 500 (logged, alarmed).
 */
export function clientCausedDynamoError(error: unknown): AppError | undefined {
  const { name, message = '' } = (error ?? {}) as { name?: string; message?: string };
  if (name !== 'ValidationException') return undefined;
  if (/starting key|exclusive ?start ?key/i.test(message)) {
    return new AppError('validation', 'INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ (invalid cursor)', {
      fields: ['cursor'],
    });
  }
  if (/size .*exceeded/i.test(message)) {
    return new AppError('payload_too_large', 'DOSSIER_TOO_LARGE', 'Hồ sơ vượt quá dung lượng cho phép (too large)');
  }
  if (/key .*(too long|exceed|length)/i.test(message)) {
    return new AppError('validation', 'INVALID_REQUEST', 'Giá trị khóa vượt quá giới hạn (key too long)');
  }
  return undefined;
}

const client = /* @__PURE__ */ lazyClient(() => {
  const base = new DynamoDBClient({ logger: QUIET_SDK_LOGGER });
  base.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw clientCausedDynamoError(error) ?? error;
      }
    },
    { step: 'initialize', name: 'clientCausedErrors' },
  );
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
});

/** The DynamoDB document client; the request's own mistakes come out as 4xx errors (above). */
export function dynamo() {
  return client.get();
}
export function resetDynamo() {
  client.reset();
}
