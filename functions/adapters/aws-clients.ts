import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../domain/errors';

/**
 * SDK clients, created once per container so warm invocations reuse connections. Endpoints come only from the SDK's
 * standard variables (AWS_ENDPOINT_URL_DYNAMODB, _S3, _SFN, ...): nothing here knows which host it runs on.
 */
let clients:
  | { doc: DynamoDBDocumentClient; s3: S3Client; s3Presign: S3Client; sfn: SFNClient; ses: SESv2Client; sns: SNSClient }
  | undefined;

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

export function awsClients() {
  if (!clients) {
    const dynamo = new DynamoDBClient({});
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          throw clientCausedDynamoError(error) ?? error;
        }
      },
      { step: 'initialize', name: 'clientCausedErrors' },
    );
    clients = {
      doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
      s3: new S3Client({}),
      // A default client signs presigned requests with the CRC32 of an empty body, which real S3 then rejects.
      s3Presign: new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }),
      sfn: new SFNClient({}),
      ses: new SESv2Client({}),
      sns: new SNSClient({}),
    };
  }
  return clients;
}

/** Forgets the clients so the next call builds them from the current environment (a host that moved endpoints). */
export function resetAwsClients() {
  clients = undefined;
}

/** Required configuration, read when first needed so that a bad deployment fails loudly at the first call. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}
