import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { LOCAL_S3_KEY } from '../../infra/local/s3';
import { CONSTRUCTION, JUSTICE, PASC } from '../support/agencies';
import { eventsSettled, promisedNotices, subjectsTo } from '../support/events';
import { apiClient, type Reply } from '../support/http';

const PROCEDURE = '2.000488';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(async () => {
  await runtime?.close();
});

const applicant = {
  fullName: 'Nguyễn Văn An',
  idNumber: '025090001234',
  phone: '0912345678',
  email: 'an.nguyen@example.vn',
  address: 'Phường Việt Trì, tỉnh Phú Thọ',
};

async function submit(token: string, key: string, overrides: Record<string, unknown> = {}) {
  const procedure = await api.call('GET', `/procedures/${PROCEDURE}`);
  const mandatory = (procedure.body.components as { code: string; mandatory: boolean }[]).filter((c) => c.mandatory);
  const documents = [];
  for (const component of mandatory) {
    const uploaded = await api.upload(token, `${component.code}.pdf`, `%PDF-1.7 ${component.code}`);
    expect(uploaded.s3Status, uploaded.s3Body).toBeLessThan(300);
    documents.push({ componentCode: component.code, uploadId: uploaded.uploadId });
  }
  const body = { procedureId: PROCEDURE, applicant, documents, ...overrides };
  return { body, reply: await api.call('POST', '/dossiers', { token, body, headers: { 'idempotency-key': key } }) };
}

describe('one dossier from online submission to delivery, over HTTP only', () => {
  it('goes SUBMITTED → RECEIVED → IN_PROGRESS → RESULT_READY → DELIVERED with four officers and notifies the applicant', async () => {
    const citizen = await api.login('an', 'citizen');
    const contract = await api.call('GET', '/openapi.json');
    expect(contract.body.paths['/dossiers'].post.operationId).toBe('createDossier');
    const catalogue = await api.call('GET', '/procedures?q=ly lich tu phap');
    expect(catalogue.body.items.map((p: { id: string }) => p.id)).toContain(PROCEDURE);

    const { body, reply } = await submit(citizen, 'e2e-happy-path-0001');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ status: 'SUBMITTED', statusCode: 1 });
    const code: string = reply.body.code;
    expect(code).toMatch(/^000\.00\.01\.H45-\d{6}-0001$/);

    const again = await api.call('POST', '/dossiers', {
      token: citizen,
      body,
      headers: { 'idempotency-key': 'e2e-happy-path-0001' },
    });
    expect(again.status).toBe(201);
    expect(again.body.code).toBe(code);
    const other = await api.call('POST', '/dossiers', {
      token: citizen,
      body: { ...body, applicant: { ...applicant, fullName: 'Nguyễn Văn Bình' } },
      headers: { 'idempotency-key': 'e2e-happy-path-0001' },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const officers = {
      receiver: await api.login('binh', 'receiver', PASC),
      specialist: await api.login('chi', 'specialist', JUSTICE),
      leader: await api.login('dung', 'leader', JUSTICE),
    };
    const steps: [keyof typeof officers, string, string, Record<string, unknown>][] = [
      ['receiver', PASC, 'accept', {}],
      ['specialist', JUSTICE, 'approve', { note: 'Hồ sơ hợp lệ' }],
      ['leader', JUSTICE, 'approve', { resultNumber: '123/PLLTP-STP' }],
      ['receiver', PASC, 'deliver', { deliveryMethod: 'counter' }],
    ];
    for (const [role, agencyId, decision, extra] of steps) {
      const dossier = await api.until(
        () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
        (r) => r.body.tasks?.length === 1 && r.body.tasks[0].role === role,
        `an open ${role} task`,
      );
      const task = dossier.body.tasks[0];
      expect(task.agencyId).toBe(agencyId);
      expect(task.allowedDecisions).toContain(decision);
      const inbox = await api.call('GET', '/tasks', { token: officers[role] });
      expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(task.id);
      const decided = await api.call('POST', `/tasks/${task.id}/decision`, {
        token: officers[role],
        body: { decision, ...extra },
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(202);
      const twice = await api.call('POST', `/tasks/${task.id}/decision`, {
        token: officers[role],
        body: { decision, ...extra },
      });
      expect(twice.status).toBe(409);
    }
    const done = await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.status === 'DELIVERED',
      'DELIVERED',
    );
    expect(done.body.statusCode).toBe(10);
    expect(done.body.receivedAt).toBeTruthy();
    expect(done.body.dueAt).toBeTruthy();
    expect(done.body.result.number).toBe('123/PLLTP-STP');
    expect(
      done.body.history.map((h: { fromStatus: string; toStatus: string }) => `${h.fromStatus}>${h.toStatus}`),
    ).toEqual([
      'null>SUBMITTED',
      'SUBMITTED>RECEIVED',
      'RECEIVED>IN_PROGRESS',
      'IN_PROGRESS>IN_PROGRESS',
      'IN_PROGRESS>RESULT_READY',
      'RESULT_READY>DELIVERED',
    ]);
    // Reading the dossier signs nothing: each document names the route that gives its short-lived link.
    for (const document of done.body.documents as { uploadId: string; componentCode: string; href: string }[]) {
      expect(document.href).toBe(`/dossiers/${code}/documents/${document.uploadId}`);
      const link = await api.call('GET', document.href, { token: officers.specialist });
      expect(link.status).toBe(200);
      expect(link.body.url).toContain('X-Amz-Signature');
      expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
      const file = await fetch(link.body.url);
      expect(file.status).toBe(200);
      expect(await file.text()).toBe(`%PDF-1.7 ${document.componentCode}`);
    }
    const unknown = await api.call('GET', `/dossiers/${code}/documents/00000000-0000-4000-8000-000000000000`, {
      token: citizen,
    });
    expect(unknown.status).toBe(404);

    // Each status change reached the applicant through the event stream, exactly as the transition table promises.
    await eventsSettled(runtime);
    // By then the file-documents reaction has filed every upload under the dossier: that is where its links point.
    for (const document of done.body.documents as { href: string }[]) {
      const link = await api.call('GET', document.href, { token: citizen });
      expect(new URL(link.body.url).pathname).toContain(`/dossiers/${code}/`);
    }
    const outbox = await api.call('GET', '/local/outbox');
    expect(subjectsTo(outbox.body.items, applicant.email)).toEqual(promisedNotices(done.body.history));
    expect(promisedNotices(done.body.history)).toContain('Đã trả kết quả');

    const rating = await api.call('POST', `/dossiers/${code}/rating`, {
      token: citizen,
      body: { level: 5, comment: 'Nhanh' },
    });
    expect(rating.status).toBe(201);
    expect((await api.call('POST', `/dossiers/${code}/rating`, { token: citizen, body: { level: 4 } })).status).toBe(
      409,
    );
  });

  it('keeps personal data from other citizens, other agencies and anonymous lookups', async () => {
    const citizen = await api.login('an2', 'citizen');
    const { reply } = await submit(citizen, 'e2e-privacy-000001');
    const code = reply.body.code;
    const stranger = await api.login('mallory', 'citizen');
    expect((await api.call('GET', `/dossiers/${code}`, { token: stranger })).status).toBe(404);
    const otherAgency = await api.login('giang', 'receiver', CONSTRUCTION);
    expect((await api.call('GET', `/dossiers/${code}`, { token: otherAgency })).status).toBe(404);
    expect((await api.call('GET', `/dossiers/${code}`)).status).toBe(401);

    const dossier = await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.tasks?.length === 1,
      'the reception task',
    );
    const taskId = dossier.body.tasks[0].id;
    const wrongAgency = await api.call('POST', `/tasks/${taskId}/decision`, {
      token: otherAgency,
      body: { decision: 'accept' },
    });
    expect(wrongAgency.status).toBe(403);
    const wrongRole = await api.call('POST', `/tasks/${taskId}/decision`, {
      token: await api.login('hoa', 'specialist', PASC),
      body: { decision: 'accept' },
    });
    expect(wrongRole.status).toBe(403);

    const lookup = await api.call('GET', `/lookup/${code}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ code, status: 'SUBMITTED', statusCode: 1 });
    const text = JSON.stringify(lookup.body);
    for (const secret of [
      applicant.fullName,
      applicant.idNumber,
      applicant.phone,
      applicant.email,
      applicant.address,
    ]) {
      expect(text).not.toContain(secret);
    }
    const withId = await api.call('GET', `/lookup/${code}?idNumber=${applicant.idNumber}`);
    expect(withId.body.steps[0]).toMatchObject({ name: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa', finishedAt: null });
    expect(JSON.stringify(withId.body)).not.toContain(applicant.idNumber);
  });

  it('answers bad input with a 4xx error envelope, never a 500', async () => {
    const citizen = await api.login('an3', 'citizen');
    const cases: [string, string, { raw?: string; body?: unknown; headers?: Record<string, string> }, number][] = [
      ['POST', '/dossiers', { raw: '{"procedureId":', headers: { 'idempotency-key': 'bad-json-0001' } }, 400],
      ['POST', '/dossiers', { body: { procedureId: PROCEDURE }, headers: { 'idempotency-key': 'missing-0001' } }, 400],
      [
        'POST',
        '/dossiers',
        {
          body: { procedureId: PROCEDURE, applicant: { ...applicant, idNumber: '12345' }, documents: [] },
          headers: { 'idempotency-key': 'bad-id-0001' },
        },
        400,
      ],
      ['POST', '/dossiers', { body: { procedureId: PROCEDURE, applicant, documents: [] } }, 400],
      [
        'POST',
        '/dossiers',
        { raw: 'procedureId=1', headers: { 'content-type': 'text/plain', 'idempotency-key': 'plain-0001' } },
        415,
      ],
      [
        'POST',
        '/dossiers',
        { body: { procedureId: PROCEDURE, applicant, documents: [] }, headers: { 'idempotency-key': 'incomplete-1' } },
        422,
      ],
      ['GET', '/dossiers/..%2F..%2Fetc%2Fpasswd', {}, 400],
      ['GET', '/dossiers?limit=abc', {}, 400],
      ['GET', '/dossiers?cursor=not-a-cursor', {}, 400],
      ['POST', '/tasks/x/decision', { body: { decision: 'accept' } }, 403],
      [
        'POST',
        '/uploads',
        { body: { fileName: '../../x.exe', contentType: 'application/x-msdownload', size: 10 } },
        400,
      ],
      ['POST', '/uploads', { body: { fileName: 'x.exe', contentType: 'application/x-msdownload', size: 10 } }, 415],
      [
        'POST',
        '/uploads',
        { body: { fileName: 'big.pdf', contentType: 'application/pdf', size: 500 * 1024 * 1024 } },
        413,
      ],
      ['GET', '/procedures/9.999999', {}, 404],
      ['GET', '/lookup/not-a-code', {}, 400],
      ['GET', '/nowhere', {}, 404],
    ];
    for (const [method, path, options, status] of cases) {
      const reply = await api.call(method, path, { token: citizen, ...options });
      expect(reply.status, `${method} ${path} → ${JSON.stringify(reply.body)}`).toBe(status);
      expect(reply.body.error, `${method} ${path}`).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
    }
  });

  it('takes an upload only as the very file declared, into one dossier only', async () => {
    const citizen = await api.login('an5', 'citizen');
    // The presigned policy holds exactly the declared size: S3 refuses a larger or a smaller file.
    const ticket = await api.call('POST', '/uploads', {
      token: citizen,
      body: { fileName: 'to-khai.pdf', contentType: 'application/pdf', size: 15 },
    });
    for (const [bytes, error] of [
      [65_545, 'EntityTooLarge'],
      [14, 'EntityTooSmall'],
    ] as const) {
      const form = new FormData();
      for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'to-khai.pdf');
      const refused = await fetch(ticket.body.url, { method: 'POST', body: form });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(error);
    }
    // File names with control characters are refused before anything is signed.
    for (const fileName of ['a\tb.pdf', 'a.pdf\r\n', 'a\nb.pdf', 'a\u0000.pdf']) {
      const reply = await api.call('POST', '/uploads', {
        token: citizen,
        body: { fileName, contentType: 'application/pdf', size: 15 },
      });
      expect(reply.status, JSON.stringify(fileName)).toBe(400);
    }

    // A stored object that is not what was declared (here replaced behind the policy's back) is refused at submission.
    const { body, reply } = await submit(citizen, 'upload-rules-0001');
    expect(reply.status).toBe(201);
    const swapped = await api.upload(citizen, 'CCCD.pdf', '%PDF-1.7 CCCD');
    const s3 = new S3Client({
      endpoint: new URL(swapped.ticket.url).origin,
      region: 'ap-southeast-1',
      forcePathStyle: true,
      credentials: { accessKeyId: LOCAL_S3_KEY, secretAccessKey: LOCAL_S3_KEY },
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: new URL(swapped.ticket.url).pathname.slice(1),
        Key: swapped.ticket.fields.key,
        Body: Buffer.alloc(65_545),
        ContentType: 'application/pdf',
      }),
    );
    s3.destroy();
    const form = await api.upload(citizen, 'TO_KHAI.pdf', '%PDF-1.7 TO_KHAI');
    const documents = [
      { componentCode: 'TO_KHAI', uploadId: form.uploadId },
      { componentCode: 'CCCD', uploadId: swapped.uploadId },
    ];
    const mismatch = await api.call('POST', '/dossiers', {
      token: citizen,
      body: { ...body, documents },
      headers: { 'idempotency-key': 'upload-rules-0002' },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('UPLOAD_MISMATCH');

    // The uploads of the first dossier cannot be attached to a second one.
    const reused = await api.call('POST', '/dossiers', {
      token: citizen,
      body,
      headers: { 'idempotency-key': 'upload-rules-0003' },
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('UPLOAD_ALREADY_USED');
    // Nor twice in one request.
    const twice = await api.call('POST', '/dossiers', {
      token: citizen,
      body: { ...body, documents: [body.documents[0], { ...body.documents[0], componentCode: 'CCCD' }] },
      headers: { 'idempotency-key': 'upload-rules-0004' },
    });
    expect(twice.status).toBe(400);

    // Concurrent submissions of fresh uploads under different keys: the attaching transaction lets exactly one in.
    const fresh: { componentCode: string; uploadId: string }[] = [];
    for (const component of ['TO_KHAI', 'CCCD']) {
      const uploaded = await api.upload(citizen, `${component}.pdf`, `%PDF ${component}`);
      fresh.push({ componentCode: component, uploadId: uploaded.uploadId });
    }
    const race = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        api.call('POST', '/dossiers', {
          token: citizen,
          body: { ...body, documents: fresh },
          headers: { 'idempotency-key': `upload-race-000${n}` },
        }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const lost of race.filter((r) => r.status === 409)) expect(lost.body.error.code).toBe('UPLOAD_ALREADY_USED');

    // A status filter reads its own key: with the newest dossier withdrawn, every page of SUBMITTED is full.
    const newest = race.find((r) => r.status === 201)!.body.code;
    const withdrawn = await api.call('POST', `/dossiers/${newest}/withdraw`, {
      token: citizen,
      body: { reason: 'Nộp nhầm thủ tục' },
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBeLessThan(300);
    await api.until(
      () => api.call('GET', '/dossiers?status=WITHDRAWN', { token: citizen }),
      (r) => r.body.items.length === 1,
      'the withdrawn dossier listed under its status',
    );
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Reply = await api.call(
        'GET',
        `/dossiers?status=SUBMITTED&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: citizen },
      );
      expect(page.status).toBe(200);
      pages.push(page.body.items.map((d: { code: string; status: string }) => `${d.code}:${d.status}`));
      cursor = page.body.nextCursor;
    } while (cursor && pages.length < 5);
    expect(pages[0]).toEqual([`${reply.body.code}:SUBMITTED`]);
    expect(pages.filter((p) => p.length === 1)).toHaveLength(1);
    const desk = await api.login('desk-an5', 'receiver', PASC);
    const deskWithdrawn = await api.call('GET', '/dossiers?status=WITHDRAWN&limit=1', { token: desk });
    expect(deskWithdrawn.body.items.map((d: { code: string }) => d.code)).toEqual([newest]);
  });

  it('lets S3 itself refuse an upload that breaks the presigned policy', async () => {
    const citizen = await api.login('an4', 'citizen');
    const ticket = await api.call('POST', '/uploads', {
      token: citizen,
      body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 3 },
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>))
      form.append(k, k === 'Content-Type' ? 'text/html' : v);
    form.append('file', new Blob(['<b>'], { type: 'text/html' }), 'a.pdf');
    const refused = await fetch(ticket.body.url, { method: 'POST', body: form });
    expect(refused.status).toBe(403);
  });
});
