import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  ExecutionAlreadyExists,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetAwsClients } from '../../functions/adapters/aws-clients';
import { DynamoDossierStore } from '../../functions/adapters/dossier-repository';
import { decodeCursor, encodeCursor } from '../../functions/adapters/keys';
import { EXECUTION_NAME, sendDecision, startExecution } from '../../functions/adapters/workflow-engine';
import type { Dossier, HistoryEvent } from '../../functions/domain/dossier';
import { AppError } from '../../functions/domain/errors';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

beforeEach(() => {
  process.env.TABLE_NAME = 'motcua-test';
  process.env.STATE_MACHINE_ARN_PREFIX = 'arn:aws:states:ap-southeast-1:111111111111:stateMachine:motcua-phu-tho-';
  process.env.AWS_REGION = 'ap-southeast-1';
  resetAwsClients();
  dynamo.reset();
  sfn.reset();
});

const dossier = {
  code: '000.00.01.H45-260302-0001',
  status: 'SUBMITTED',
  submittedAt: '2026-03-02T09:00:00+07:00',
  receivingAgencyId: '000.00.01.H45',
  agencyIds: ['000.00.01.H45'],
  applicant: { sub: 'citizen-1', fullName: 'A', idNumber: '025090001234' },
  version: 1,
} as unknown as Dossier;
const event = {
  seq: 1,
  at: dossier.submittedAt,
  actor: 'citizen-1',
  role: 'citizen',
  agencyId: null,
  action: 'submit',
  fromStatus: null,
  toStatus: 'SUBMITTED',
  note: null,
} as HistoryEvent;

describe('DynamoDB dossier store', () => {
  it('allocates code sequences with an atomic ADD on the per-agency per-day counter', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: { n: 42 } });
    expect(await new DynamoDossierStore().nextSequence('000.00.01.H45#260302')).toBe(42);
    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'COUNTER#000.00.01.H45#260302', sk: 'COUNTER' });
    expect(input.UpdateExpression).toBe('ADD #n :one');
  });

  it('writes the dossier, its first history entry, its agency link and the idempotency record in one transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await new DynamoDossierStore().createDossier(dossier, event, {
      sub: 'citizen-1',
      key: 'key-00000001',
      bodyHash: 'h',
    });
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((i) => i.Put?.Item?.sk)).toEqual(['IDEMP', 'DOSSIER', 'H#00001', 'AGENCY#000.00.01.H45']);
    expect(items[0]!.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[1]!.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[1]!.Put?.Item).toMatchObject({ gsi2pk: 'APPLICANT#citizen-1', gsi1pk: 'OPEN#000.00.01.H45' });
  });

  it('turns a cancelled transaction into a 409 conflict, never a 500', async () => {
    dynamo.on(TransactWriteCommand).rejects(new TransactionCanceledException({ message: 'cancelled', $metadata: {} }));
    const error = await new DynamoDossierStore()
      .createDossier(dossier, event, { sub: 'citizen-1', key: 'key-00000001', bodyHash: 'h' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.statusCode).toBe(409);
  });

  it('refuses a tampered pagination cursor with a 400', () => {
    const cursor = encodeCursor({ pk: 'D#x', sk: 'DOSSIER' })!;
    expect(decodeCursor(cursor)).toEqual({ pk: 'D#x', sk: 'DOSSIER' });
    expect(() => decodeCursor(Buffer.from('{"pk":{"S":"x"}}').toString('base64url'))).toThrow(AppError);
    expect(() => decodeCursor('%%%')).toThrow(AppError);
  });
});

describe('Step Functions adapter', () => {
  it('names the execution after the dossier code so a retry cannot start a second one', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(
      startExecution({
        dossierCode: '000.00.01.H45-260302-0001',
        flowId: 'single-agency',
        startStepId: 'reception',
        stepHours: {},
      }),
    ).resolves.toBeUndefined();
    const input = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(input.name).toBe('000.00.01.H45-260302-0001');
    expect(input.name).toMatch(EXECUTION_NAME);
    expect('a b').not.toMatch(EXECUTION_NAME);
    expect('x'.repeat(81)).not.toMatch(EXECUTION_NAME);
    expect(input.stateMachineArn).toBe(
      'arn:aws:states:ap-southeast-1:111111111111:stateMachine:motcua-phu-tho-single-agency',
    );
  });

  it('reports a stale token instead of throwing, so the decision stays recorded for redelivery', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'timed out', $metadata: {} }));
    expect(await sendDecision('token', { decision: 'accept' })).toBe(false);
    sfn.on(SendTaskSuccessCommand).resolves({});
    expect(await sendDecision('token', { decision: 'accept' })).toBe(true);
  });
});

describe('seed custom resource', () => {
  it('reads the settings and catalogue from the deployment asset and writes them, keeping them on delete', async () => {
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { handler } = await import('../../functions/steps/seed-catalogue');
    const s3 = mockClient(S3Client);
    const document = {
      settings: { id: 'phu-tho', agencies: [] },
      catalogue: [{ id: '1.004194', effectiveFrom: '2025-07-01', name: 'Đăng ký tạm trú' }],
    };
    s3.on(GetObjectCommand, { Bucket: 'assets', Key: 'seed.json' }).resolves({
      Body: { transformToString: async () => JSON.stringify(document) },
    } as never);
    dynamo.on(BatchWriteCommand).resolves({});
    const base = { ResourceProperties: { ServiceToken: 'x', province: 'phu-tho', bucket: 'assets', key: 'seed.json' } };
    expect(await handler({ ...base, RequestType: 'Create' } as never)).toEqual({ PhysicalResourceId: 'seed-phu-tho' });
    const written = dynamo
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => c.args[0].input.RequestItems!['motcua-test']!);
    expect(written.map((w) => w.PutRequest!.Item!.sk)).toEqual(['SETTINGS', 'V#2025-07-01', 'V#1.004194#2025-07-01']);
    dynamo.resetHistory();
    s3.resetHistory();
    await handler({ ...base, RequestType: 'Delete', PhysicalResourceId: 'seed-phu-tho' } as never);
    expect(s3.calls()).toHaveLength(0);
    expect(dynamo.calls()).toHaveLength(0);
    s3.restore();
  });
});
