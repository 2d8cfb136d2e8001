import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  ExecutionAlreadyExists,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoCatalogueStore, seedCatalogue } from '../../functions/adapters/catalogue-repository';
import { clientCausedDynamoError } from '../../functions/adapters/clients/dynamodb';
import { resetAwsClients } from '../../functions/adapters/clients/reset';
import { DynamoDossierStore } from '../../functions/adapters/dossier-repository';
import { DynamoDocumentStore } from '../../functions/adapters/e-data-repository';
import { DynamoFigureStore } from '../../functions/adapters/figure-repository';
import { DynamoReactionLog } from '../../functions/adapters/reaction-log';
import { DynamoSyncStore } from '../../functions/adapters/sync-repository';
import { DynamoTaskStore } from '../../functions/adapters/task-repository';
import { DynamoUploadStore } from '../../functions/adapters/upload-repository';
import { EXECUTION_NAME, StepFunctionsEngine } from '../../functions/adapters/workflow-engine';
import type { Dossier, HistoryEvent, Task } from '../../functions/domain/dossier';
import { AppError } from '../../functions/domain/errors';
import { historyEvent } from '../../functions/domain/events';

/** A transaction DynamoDB cancelled, with the reason of each item in order. */
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);

beforeEach(() => {
  process.env.TABLE_NAME = 'motcua-test';
  process.env.CURSOR_KEY = 'unit-test-cursor-signing-key-0123456789';
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
  documents: [{ componentCode: 'CCCD', uploadId: 'upload-1', key: 'uploads/upload-1' }],
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
    expect(items.map((i) => i.Put?.Item?.sk ?? i.Update?.Key?.sk)).toEqual([
      'IDEMP',
      'DOSSIER',
      'H#00001',
      'AGENCY#000.00.01.H45',
      'UPLOAD',
    ]);
    // The upload is claimed by this dossier in the same transaction, once.
    expect(items[4]!.Update).toMatchObject({
      Key: { pk: 'UPLOAD#upload-1' },
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedBy)',
      ExpressionAttributeValues: { ':code': dossier.code },
    });
    expect(items[0]!.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[1]!.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[1]!.Put?.Item).toMatchObject({ gsi2pk: 'APPLICANT#citizen-1' });
    // Not in the inbox index, whose projection (a task's version) every change of the dossier would rewrite.
    expect(items[1]!.Put?.Item).not.toHaveProperty('gsi1pk');
  });

  it('says which rule a cancelled creation broke: the upload already used, or a concurrent retry of the key', async () => {
    const create = () =>
      new DynamoDossierStore()
        .createDossier(dossier, event, { sub: 'citizen-1', key: 'key-00000001', bodyHash: 'h' })
        .catch((e) => e);
    dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'None', 'None', 'None', 'ConditionalCheckFailed']));
    expect(await create()).toMatchObject({ statusCode: 409, code: 'UPLOAD_ALREADY_USED' });
    dynamo.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None', 'None', 'None', 'None']));
    expect(await create()).toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY_KEY_IN_USE' });
  });

  it("writes an agency's link when a decision opens its first task, and not again for the next step it owns", async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const moved = { ...dossier, status: 'IN_PROGRESS', agencyIds: ['000.00.01.H45', 'J', 'K'], version: 5 } as Dossier;
    const task = (id: string, agencyId: string) => ({ id, dossierCode: dossier.code, agencyId, version: 1 }) as Task;
    const decided = task(`${dossier.code}.2`, 'J');
    const kept = { ...event, seq: 4, fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS' } as HistoryEvent;
    const links = async (opened: Task[], change = kept) => {
      dynamo.resetHistory();
      await new DynamoDossierStore().settleDecision({
        previousVersion: 4,
        dossier: moved,
        task: { before: decided, after: { ...decided, state: 'APPLIED', version: 2 } },
        events: [{ event: change, dossier: moved }],
        opened,
        uploadIds: [],
      });
      const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
      return items.map((i) => String(i.Put?.Item?.sk)).filter((sk) => sk.startsWith('AGENCY#'));
    };
    // The approval after the appraisal, in the same agency: its link is there already.
    expect(await links([task(`${dossier.code}.3`, 'J')])).toEqual([]);
    // A step of another agency: the dossier now passes through it.
    expect(await links([task(`${dossier.code}.3`, 'K')])).toEqual(['AGENCY#K']);
    // A change of status rewrites every link (the status filter's key).
    const received = { ...kept, fromStatus: 'SUBMITTED', toStatus: 'RECEIVED' } as HistoryEvent;
    expect(await links([task(`${dossier.code}.3`, 'J')], received)).toHaveLength(3);
  });

  it('writes no link when a step opens in an agency the dossier passed through, and one for a new agency', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const read = { ...dossier, status: 'IN_PROGRESS', agencyIds: ['000.00.01.H45', 'J'], version: 7 } as Dossier;
    const task = (agencyId: string) =>
      ({ id: `${dossier.code}.9`, dossierCode: dossier.code, agencyId, version: 1 }) as Task;
    const links = async (agencyId: string, toStatus = 'IN_PROGRESS') => {
      dynamo.resetHistory();
      const after = { ...read, agencyIds: [...new Set([...read.agencyIds, agencyId])], version: 8 } as Dossier;
      const change = { ...event, seq: 6, fromStatus: 'IN_PROGRESS', toStatus } as HistoryEvent;
      await new DynamoDossierStore().openStepTasks(read, after, [task(agencyId)], [{ event: change, dossier: after }]);
      const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
      expect(items[0]!.Put?.ExpressionAttributeValues).toEqual({ ':v': 7 });
      return items.map((i) => String(i.Put?.Item?.sk)).filter((sk) => sk.startsWith('AGENCY#'));
    };
    // The synthesis after a consultation, in the lead agency: its link is there already.
    expect(await links('J')).toEqual([]);
    // A step of an agency the dossier had not passed through.
    expect(await links('K')).toEqual(['AGENCY#K']);
    // A change of status rewrites every link (the status filter's key).
    expect(await links('J', 'RETURNED_FOR_SUPPLEMENT')).toEqual(['AGENCY#000.00.01.H45', 'AGENCY#J']);
  });

  it('turns a cancelled transaction into a 409 conflict, never a 500', async () => {
    dynamo.on(TransactWriteCommand).rejects(new TransactionCanceledException({ message: 'cancelled', $metadata: {} }));
    const error = await new DynamoDossierStore()
      .createDossier(dossier, event, { sub: 'citizen-1', key: 'key-00000001', bodyHash: 'h' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.statusCode).toBe(409);
  });

  it('accepts only a cursor it signed for the same query and caller (400 INVALID_CURSOR otherwise)', async () => {
    const store = new DynamoDossierStore();
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [], LastEvaluatedKey: { pk: 'D#x', sk: 'DOSSIER', gsi2pk: 'APPLICANT#a' } });
    const { nextCursor } = await store.listByApplicant('a', 10);
    expect(nextCursor).toEqual(expect.any(String));
    await expect(store.listByApplicant('a', 10, nextCursor!)).resolves.toMatchObject({ items: [] });
    const [payload, signature] = nextCursor!.split('.');
    const forged = Buffer.from(JSON.stringify({ pk: 'x' })).toString('base64url');
    for (const bad of [
      'eyJwayI6IngifQ', // an unsigned key, as earlier versions issued
      `${forged}.${signature}`, // another key under a copied signature
      `${payload}.${signature!.slice(0, -2)}AA`, // a changed signature
      '%%%',
      `${payload}.${signature}.x`,
    ]) {
      const error = await store.listByApplicant('a', 10, bad).catch((e) => e);
      expect(error, bad).toBeInstanceOf(AppError);
      expect(error.code).toBe('INVALID_CURSOR');
      expect(error.statusCode).toBe(400);
    }
    // Bound to the caller and the query: another applicant, or the same key on the agency listing, does not verify.
    expect((await store.listByApplicant('b', 10, nextCursor!).catch((e) => e)).code).toBe('INVALID_CURSOR');
    const inbox = new DynamoTaskStore().inbox('a', 'receiver', 10, nextCursor!);
    expect(((await inbox.catch((e: AppError) => e)) as AppError).code).toBe('INVALID_CURSOR');
  });
});

describe('DynamoFigureStore', () => {
  it('counts a one-time figure once: its marker refused means counted, a conflict with another writer is retried', async () => {
    const key = { agencyId: 'A', procedureId: 'P', channel: 'online' as const };
    const deltas = [{ day: '2026-03-02', counts: { synced: 1 } }] as never;
    const once = () => new DynamoFigureStore().applyOnce('C1', 'SYNCED', key, deltas, 0).catch((e: Error) => e);
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await once()).toBe(true);
    dynamo.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None', 'None', 'None']));
    expect(await once()).toBe(false);
    dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'TransactionConflict', 'None', 'None']));
    expect(await once()).toBeInstanceOf(Error);
  });
});

describe('DynamoTaskStore', () => {
  it("settles a branch's answer in one conditional write of its task alone, and says when the task moved", async () => {
    const task = {
      id: `${dossier.code}.4`,
      dossierCode: dossier.code,
      stepId: 'opinion_a',
      kind: 'branch',
      role: 'specialist',
      agencyId: 'A',
      dueAt: '2026-03-20T17:00:00+07:00',
      state: 'OPEN',
      version: 2,
    } as unknown as Task;
    const settled = { ...task, state: 'APPLIED', version: 3 } as Task;
    dynamo.on(PutCommand).resolves({});
    expect(await new DynamoTaskStore().settleAnswer(task, settled)).toEqual(settled);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    const [put] = dynamo.commandCalls(PutCommand);
    expect(put!.args[0].input).toMatchObject({
      Item: { pk: `D#${dossier.code}`, sk: `T#${task.id}`, state: 'APPLIED', version: 3 },
      ConditionExpression: '#v = :v AND (#state = :open OR #state = :decided)',
      ExpressionAttributeValues: { ':v': 2, ':open': 'OPEN', ':decided': 'DECIDED' },
    });
    // Settled tasks leave the inbox index.
    expect(put!.args[0].input.Item).not.toHaveProperty('gsi1pk');
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    const error = await new DynamoTaskStore().settleAnswer(task, settled).catch((e) => e);
    expect(error).toMatchObject({ statusCode: 409, code: 'STALE_VERSION' });
  });
});

describe('officer listings', () => {
  const link = (code: string) => ({ pk: `D#${code}`, sk: 'AGENCY#000.00.01.H45' });
  const stored = (code: string) => ({ ...dossier, code, pk: `D#${code}`, sk: 'DOSSIER' });

  it('lists every dossier of a page even when BatchGetItem leaves keys unprocessed (throttling)', async () => {
    const codes = ['A-1', 'A-2', 'A-3'];
    dynamo.on(QueryCommand).resolves({ Items: codes.map(link) });
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { 'motcua-test': [stored('A-2')] },
        UnprocessedKeys: {
          'motcua-test': {
            Keys: [
              { pk: 'D#A-1', sk: 'DOSSIER' },
              { pk: 'D#A-3', sk: 'DOSSIER' },
            ],
          },
        },
      })
      .resolvesOnce({
        Responses: { 'motcua-test': [stored('A-3')] },
        UnprocessedKeys: { 'motcua-test': { Keys: [{ pk: 'D#A-1', sk: 'DOSSIER' }] } },
      })
      .resolves({ Responses: { 'motcua-test': [stored('A-1')] } });
    const page = await new DynamoDossierStore().listByAgency('000.00.01.H45', 3);
    expect(page.items.map((d) => d.code)).toEqual(codes);
    const asked = dynamo.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!['motcua-test']!.Keys);
    expect(asked.map((k) => k!.length)).toEqual([3, 2, 1]);
  });

  it('fails rather than return a page with dossiers silently missing', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [link('A-1')] });
    dynamo.on(BatchGetCommand).resolves({
      Responses: { 'motcua-test': [] },
      UnprocessedKeys: { 'motcua-test': { Keys: [{ pk: 'D#A-1', sk: 'DOSSIER' }] } },
    });
    await expect(new DynamoDossierStore().listByAgency('000.00.01.H45', 3)).rejects.toThrow(/unprocessed/);
  }, 20_000);

  it('filters by status in the key condition, so that a page is never cut short by a filter', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(BatchGetCommand).resolves({ Responses: { 'motcua-test': [] } });
    const store = new DynamoDossierStore();
    await store.listByAgency('000.00.01.H45', 5, undefined, 'RECEIVED');
    await store.listByApplicant('citizen-1', 5, undefined, 'SUBMITTED');
    const inputs = dynamo.commandCalls(QueryCommand).map((c) => c.args[0].input);
    for (const input of inputs) {
      expect(input.FilterExpression).toBeUndefined();
      expect(input.Limit).toBe(5);
    }
    expect(inputs.map((i) => i.ExpressionAttributeValues![':pk'])).toEqual([
      'AGENCY#000.00.01.H45#RECEIVED',
      'APPLICANT#citizen-1#SUBMITTED',
    ]);
  });
});

describe('DynamoDB refusals caused by the request', () => {
  it('are 4xx errors for the client, while any other ValidationException stays an internal error', () => {
    const refusal = (message: string) => clientCausedDynamoError({ name: 'ValidationException', message });
    expect(refusal('The provided starting key is invalid')?.statusCode).toBe(400);
    expect(refusal('Exclusive Start Key must have same size as table key schema')?.code).toBe('INVALID_CURSOR');
    expect(refusal('Item size has exceeded the maximum allowed size')?.statusCode).toBe(413);
    expect(
      refusal(
        'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
      )?.statusCode,
    ).toBe(413);
    expect(refusal('Invalid UpdateExpression: Syntax error; token: "SET"')).toBeUndefined();
    expect(clientCausedDynamoError(new Error('The provided starting key is invalid'))).toBeUndefined();
  });

  it('says a transaction refused for its content is too large, not a concurrent change', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'ValidationError', Message: 'Item size has exceeded the maximum allowed size' },
        ],
      }),
    );
    const error = await new DynamoDossierStore()
      .createDossier(dossier, event, { sub: 'citizen-1', key: 'key-00000001', bodyHash: 'h' })
      .catch((e) => e);
    expect(error.statusCode).toBe(413);
  });
});

describe('Step Functions adapter', () => {
  it('names the execution after the dossier code so a retry cannot start a second one', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(
      new StepFunctionsEngine().start({
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
    const engine = new StepFunctionsEngine();
    expect(await engine.sendDecision('token', { decision: 'accept' })).toBe(false);
    sfn.on(SendTaskSuccessCommand).resolves({});
    expect(await engine.sendDecision('token', { decision: 'accept' })).toBe(true);
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

describe('DynamoSyncStore (where each dossier stands with the national portal)', () => {
  const place = (syncedSeq: number, state: 'synced' | 'pending' | 'failed' = 'synced') => ({
    code: dossier.code,
    state,
    syncedSeq,
    attempts: state === 'synced' ? 0 : 2,
    updatedAt: '2026-03-02T09:05:00+07:00',
  });

  it('moves the place with one conditional put, and writes the counted event with it only the first time', async () => {
    dynamo.on(PutCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    const store = new DynamoSyncStore();
    expect(await store.synced(place(1), place(3), undefined)).toBe(true);
    const put = dynamo.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.ConditionExpression).toBe('#place.syncedSeq = :seq AND #place.attempts = :attempts');
    expect(put.ExpressionAttributeValues).toEqual({ ':seq': 1, ':attempts': 0 });
    // Synced: out of the operators' listing (no index keys).
    expect(put.Item).not.toHaveProperty('gsi3pk');
    const key = { agencyId: '000.00.12.H45', procedureId: '2.000488', channel: 'dvcqg' as const };
    expect(await store.synced(undefined, place(2), { at: '2026-03-02T09:30:00+07:00', key })).toBe(true);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((i) => i.Put?.Item?.type)).toEqual(['dvcqg-sync', 'dvcqg-synced']);
    expect(items[0]!.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items[1]!.Put!.Item).toMatchObject({ at: '2026-03-02T09:30:00+07:00', key });
  });

  it('says when the place moved meanwhile, and lists a failing one under its state', async () => {
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'moved', $metadata: {} }));
    const store = new DynamoSyncStore();
    expect(await store.synced(place(1), place(3), undefined)).toBe(false);
    dynamo.on(PutCommand).resolves({});
    await store.failed(place(1, 'failed'));
    const failed = dynamo.commandCalls(PutCommand).at(-1)!.args[0].input;
    expect(failed.Item).toMatchObject({ gsi3pk: 'SYNC#failed', gsi3sk: `2026-03-02T09:05:00+07:00#${dossier.code}` });
  });
});

describe('DynamoDocumentStore (the citizen e-data store)', () => {
  it('tells which ids it holds in one read, sending again the keys DynamoDB left unprocessed', async () => {
    const key = (id: string) => ({ pk: 'EDATA#025090001234', sk: `DOC#${id}` });
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { 'motcua-test': [{ sk: 'DOC#a' }] },
        UnprocessedKeys: { 'motcua-test': { Keys: [key('c')] } },
      })
      .resolvesOnce({ Responses: { 'motcua-test': [{ sk: 'DOC#c' }] } });
    const store = new DynamoDocumentStore();
    expect(await store.keptAmong('025090001234', ['a', 'b', 'c'])).toEqual(new Set(['a', 'c']));
    const calls = dynamo.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!['motcua-test']!);
    expect(calls[0]).toEqual({ Keys: [key('a'), key('b'), key('c')], ProjectionExpression: 'sk' });
    expect(calls[1]!.Keys).toEqual([key('c')]);
    expect(await store.keptAmong('025090001234', [])).toEqual(new Set());
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
  });
});

describe('DynamoReactionLog', () => {
  it("reads a reaction's marker and the dossier in one consistent BatchGetItem", async () => {
    const streamEvent = historyEvent(dossier.code, { ...event, snapshot: {} });
    const marker = { pk: `D#${dossier.code}`, sk: 'R#notify-applicant#00001' };
    const dossierItem = { pk: `D#${dossier.code}`, sk: 'DOSSIER', type: 'dossier', ...dossier };
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { 'motcua-test': [dossierItem] } })
      .resolvesOnce({ Responses: { 'motcua-test': [marker, dossierItem] } });
    const log = new DynamoReactionLog();
    expect(await log.dossierUnlessApplied('notify-applicant', streamEvent)).toEqual({ applied: false, dossier });
    expect(await log.dossierUnlessApplied('notify-applicant', streamEvent)).toEqual({ applied: true });
    const input = dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!['motcua-test']!;
    expect(input).toEqual({ Keys: [marker, { pk: `D#${dossier.code}`, sk: 'DOSSIER' }], ConsistentRead: true });
  });
});

describe('DynamoCatalogueStore procedure versions', () => {
  it('reads a procedure once while fresh, and again when a dossier names a version it did not hold', async () => {
    const version = (effectiveFrom: string) => ({ procedure: { id: '2.000488', effectiveFrom, cases: [] } });
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [version('2025-07-01')] })
      .resolvesOnce({ Items: [version('2025-07-01'), version('2026-12-01')] });
    const store = new DynamoCatalogueStore();
    await seedCatalogueCacheReset();
    expect((await store.procedureVersions('2.000488')).map((v) => v.effectiveFrom)).toEqual(['2025-07-01']);
    expect((await store.procedureVersions('2.000488', '2025-07-01')).map((v) => v.effectiveFrom)).toEqual([
      '2025-07-01',
    ]);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
    // A dossier submitted under a version imported since (in another container): read again, and it is there.
    expect((await store.procedureVersions('2.000488', '2026-12-01')).map((v) => v.effectiveFrom)).toEqual([
      '2025-07-01',
      '2026-12-01',
    ]);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(2);
  });
});

/** Empties the catalogue caches the way a seed does (a seed of nothing: one empty batch write). */
async function seedCatalogueCacheReset() {
  dynamo.on(BatchWriteCommand).resolves({});
  await seedCatalogue({} as never, []);
  dynamo.resetHistory();
}

describe('DynamoUploadStore', () => {
  it('reads upload records at once, without their expiry, and leaves out ids without a record', async () => {
    dynamo.on(BatchGetCommand).resolves({
      Responses: {
        'motcua-test': [{ pk: 'UPLOAD#u1', sk: 'UPLOAD', type: 'upload', uploadId: 'u1', owner: 'c', ttl: 1 }],
      },
    });
    const found = await new DynamoUploadStore().getUploads(['u1', 'u2', 'u1']);
    expect([...found.keys()]).toEqual(['u1']);
    expect(found.get('u1')).toEqual({ uploadId: 'u1', owner: 'c' });
    const keysRead = dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!['motcua-test']!.Keys;
    expect(keysRead).toEqual([
      { pk: 'UPLOAD#u1', sk: 'UPLOAD' },
      { pk: 'UPLOAD#u2', sk: 'UPLOAD' },
    ]);
  });
});
