import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, created once per container so warm invocations reuse connections. Endpoints come only from the SDK's
 * standard variables (AWS_ENDPOINT_URL_DYNAMODB, _S3, _SFN, ...): nothing here knows which host it runs on.
 */
let clients:
  | { doc: DynamoDBDocumentClient; s3: S3Client; s3Presign: S3Client; sfn: SFNClient; ses: SESv2Client; sns: SNSClient }
  | undefined;

export function awsClients() {
  if (!clients) {
    const dynamo = new DynamoDBClient({});
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
