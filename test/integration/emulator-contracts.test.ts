import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_KEY, LocalS3 } from '../../infra/local/s3';
import { LocalStepFunctions } from '../../infra/local/step-functions';
import { setLongTimeout } from '../../infra/local/timers';

const credentials = { accessKeyId: LOCAL_S3_KEY, secretAccessKey: LOCAL_S3_KEY };
const region = 'ap-southeast-1';

describe('local S3 closes s3rver’s gaps like real S3 behaves', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-s3-contract-'));
  const s3 = new LocalS3(dir, ['contract']);
  let client: S3Client;
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await s3.start();
    client = new S3Client({
      endpoint,
      region,
      credentials,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  });
  afterAll(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(fields: Record<string, string>, file: string, contentType = 'application/pdf') {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file], { type: contentType }), 'f.pdf');
    const reply = await fetch(`${endpoint}/contract`, { method: 'POST', body: form });
    return { status: reply.status, text: await reply.text() };
  }

  const presign = (expires = 60) =>
    createPresignedPost(client, {
      Bucket: 'contract',
      Key: 'uploads/a',
      Conditions: [
        ['content-length-range', 1, 10],
        ['eq', '$Content-Type', 'application/pdf'],
      ],
      Fields: { 'Content-Type': 'application/pdf' },
      Expires: expires,
    });

  it('accepts an upload that satisfies the policy (S3: 204 No Content)', async () => {
    const { fields } = await presign();
    expect((await post(fields, '%PDF')).status).toBe(204);
  });

  it('refuses a file larger than content-length-range (S3: 400 EntityTooLarge)', async () => {
    const { fields } = await presign();
    const reply = await post(fields, 'x'.repeat(11));
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('EntityTooLarge');
  });

  it('refuses a changed field, an extra field and a forged signature (S3: 403)', async () => {
    const { fields } = await presign();
    expect((await post({ ...fields, 'Content-Type': 'text/html' }, 'x')).status).toBe(403);
    expect((await post({ ...fields, 'x-amz-meta-owner': 'me' }, 'x')).text).toContain('Extra input fields');
    expect((await post({ ...fields, 'X-Amz-Signature': '0'.repeat(64) }, 'x')).text).toContain('SignatureDoesNotMatch');
  });

  it('refuses an expired policy (S3: 403 AccessDenied, Policy expired)', async () => {
    const { fields } = await presign(-1);
    const reply = await post(fields, 'x');
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('Policy expired');
  });

  it('keeps the bucket private like S3 Block Public Access: unsigned requests get 403 AccessDenied (S3 XML error)', async () => {
    await client.send(new PutObjectCommand({ Bucket: 'contract', Key: 'dossiers/D-1/a', Body: Buffer.from('secret') }));
    for (const [method, path] of [
      ['GET', '/contract?list-type=2&prefix=dossiers/'],
      ['GET', '/contract/dossiers/D-1/a'],
      ['HEAD', '/contract/dossiers/D-1/a'],
      ['PUT', '/contract/dossiers/D-1/a'],
      ['DELETE', '/contract/dossiers/D-1/a'],
    ] as const) {
      const reply = await fetch(`${endpoint}${path}`, { method, ...(method === 'PUT' ? { body: 'overwritten' } : {}) });
      expect(reply.status, `${method} ${path}`).toBe(403);
      if (method !== 'HEAD') expect(await reply.text()).toContain('<Code>AccessDenied</Code>');
    }
    // Nothing changed: the signed owner still reads the original object.
    const kept = await client.send(new GetObjectCommand({ Bucket: 'contract', Key: 'dossiers/D-1/a' }));
    expect(await kept.Body!.transformToString()).toBe('secret');
  });

  it('accepts SigV4-signed requests of a known key only (S3: 403 InvalidAccessKeyId, SignatureDoesNotMatch)', async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'contract', Prefix: 'dossiers/' }));
    expect(listed.Contents?.map((o) => o.Key)).toContain('dossiers/D-1/a');
    const stranger = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: LOCAL_S3_KEY },
    });
    const wrongSecret = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: LOCAL_S3_KEY, secretAccessKey: 'not-the-secret' },
    });
    const get = new GetObjectCommand({ Bucket: 'contract', Key: 'dossiers/D-1/a' });
    await expect(stranger.send(get)).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    await expect(wrongSecret.send(get)).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(
      wrongSecret.send(new DeleteObjectCommand({ Bucket: 'contract', Key: 'dossiers/D-1/a' })),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    stranger.destroy();
    wrongSecret.destroy();
  });

  it('serves a presigned GET until it expires, and refuses it once expired or altered (S3: 403)', async () => {
    const command = new GetObjectCommand({
      Bucket: 'contract',
      Key: 'dossiers/D-1/a',
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent('Tờ khai.pdf')}`,
    });
    const url = await getSignedUrl(client, command, { expiresIn: 300 });
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('secret');
    const expired = await getSignedUrl(client, command, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 3600_000),
    });
    const late = await fetch(expired);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
    for (const altered of [
      url.replace('dossiers/D-1/a', 'dossiers/D-1/b'),
      url.replace('X-Amz-Expires=300', 'X-Amz-Expires=600'),
      url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000'),
    ]) {
      const reply = await fetch(altered);
      expect(reply.status, altered).toBe(403);
      expect(await reply.text()).toContain('SignatureDoesNotMatch');
    }
  });

  it('refuses aws-chunked streaming bodies loudly instead of storing their framing (s3rver would corrupt them)', async () => {
    const reply = await fetch(`${endpoint}/contract/k`, {
      method: 'PUT',
      headers: { 'content-encoding': 'aws-chunked' },
      body: 'x',
    });
    expect(reply.status).toBe(501);
    await expect(
      client.send(new PutObjectCommand({ Bucket: 'contract', Key: 'buffer', Body: Buffer.from('intact') })),
    ).resolves.toBeDefined();
  });
});

describe('local Step Functions provides what aws-local-stepfunctions lacks, as AWS does', () => {
  const calls: unknown[] = [];
  const host = new LocalStepFunctions({
    remember: async (event) => {
      calls.push(event);
      return { ok: true };
    },
    boom: async () => {
      throw Object.assign(new Error('no'), { name: 'ValidationError' });
    },
  });
  let client: SFNClient;
  const definition = {
    StartAt: 'Wait',
    States: {
      Wait: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: {
          FunctionName: host.functionArn('remember'),
          Payload: { 'token.$': '$$.Task.Token', 'n.$': '$.n' },
        },
        TimeoutSecondsPath: '$.timeout',
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'TimedOut' }],
        Next: 'Call',
      },
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: host.functionArn('boom'), Payload: {} },
        Catch: [{ ErrorEquals: ['ValidationError'], ResultPath: '$.error', Next: 'Done' }],
        Next: 'Done',
      },
      TimedOut: { Type: 'Pass', Result: 'timed out', End: true },
      Done: { Type: 'Succeed' },
    },
  };
  beforeAll(async () => {
    host.register('contract', definition);
    client = new SFNClient({ endpoint: await host.listen(), region, credentials });
  });
  afterAll(() => host.close());

  const status = async (executionArn: string) =>
    (await client.send(new DescribeExecutionCommand({ executionArn }))).status;
  const waitFor = async <T>(read: () => Promise<T>, ok: (v: T) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const v = await read();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('condition not reached');
  };

  it('passes a task token to the waitForTaskToken task and resumes on SendTaskSuccess', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: host.machineArn('contract'),
        name: 'callback',
        input: '{"n":1,"timeout":3600}',
      }),
    );
    const event = (await waitFor(
      async () => calls.at(-1) as { token?: string; n?: number } | undefined,
      (c) => c?.n === 1,
    ))!;
    expect(event.token).toMatch(/\./);
    await client.send(new SendTaskSuccessCommand({ taskToken: event.token!, output: '{"decision":"accept"}' }));
    await waitFor(
      () => status(executionArn!),
      (s) => s === 'SUCCEEDED',
    );
    // Lambda errors keep their name for Catch, as on AWS.
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(
      history.events?.some(
        (e) => (e as { type?: string }).type === 'TaskStateCaught' || String(e.type).includes('Caught'),
      ),
    ).toBe(true);
    // A used token is gone (AWS: TaskDoesNotExist / TaskTimedOut).
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: event.token!, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it('applies TimeoutSecondsPath to the callback and lets Catch handle States.Timeout (no 60 s default)', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: host.machineArn('contract'),
        name: 'timeout',
        input: '{"n":2,"timeout":1}',
      }),
    );
    await waitFor(
      () => status(executionArn!),
      (s) => s === 'SUCCEEDED',
    );
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).output).toContain('timed out');
  });

  it('treats a repeated StartExecution like AWS: same input while running is idempotent, other input is ExecutionAlreadyExists', async () => {
    const start = (input: string) =>
      client.send(new StartExecutionCommand({ stateMachineArn: host.machineArn('contract'), name: 'twice', input }));
    const first = await start('{"n":3,"timeout":3600}');
    expect((await start('{"n":3,"timeout":3600}')).executionArn).toBe(first.executionArn);
    await expect(start('{"n":4,"timeout":3600}')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('waits out delays beyond Node’s 24.8-day timer limit instead of firing at once', async () => {
    let fired = false;
    const timer = setLongTimeout(() => {
      fired = true;
    }, 40 * 86_400_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(false);
    timer.cancel();
  });

  it('refuses JSONata and Assign, which the engine would silently ignore', () => {
    expect(() => host.register('jsonata', { ...definition, QueryLanguage: 'JSONata' })).toThrow(/JSONata/);
  });
});
