import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../functions/adapters/clients/dynamodb';
import { keys } from '../../functions/adapters/keys';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { CONSTRUCTION, JUSTICE, PASC } from '../support/agencies';
import { eventsSettled } from '../support/events';
import { apiClient } from '../support/http';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(() => runtime?.close());

const PROCEDURE = '2.000488';
const setClock = (now: string) => api.call('POST', '/local/clock', { body: { now, frozen: true } });

async function submit(token: string, key: string, idNumber: string) {
  const documents = [];
  for (const code of ['TO_KHAI', 'CCCD'])
    documents.push({ componentCode: code, uploadId: (await api.upload(token, `${code}.pdf`, '%PDF')).uploadId });
  const reply = await api.call('POST', '/dossiers', {
    token,
    body: { procedureId: PROCEDURE, applicant: { fullName: 'Lê Thị Hoa', idNumber }, documents },
    headers: { 'idempotency-key': key },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.code as string;
}

async function decide(code: string, token: string, role: string, decision: string, extra = {}) {
  const dossier = await api.until(
    () => api.call('GET', `/dossiers/${code}`, { token }),
    (r) => r.body.tasks?.some((t: { role: string }) => t.role === role),
    `an open ${role} task of ${code}`,
  );
  const task = dossier.body.tasks.find((t: { role: string }) => t.role === role);
  const decided = await api.call('POST', `/tasks/${task.id}/decision`, { token, body: { decision, ...extra } });
  expect(decided.status, JSON.stringify(decided.body)).toBe(202);
}

describe('GET /stats: the Circular 01/2018 figures from the event stream', () => {
  it('counts received, finished, withdrawn and overdue dossiers of a period for the competent agency', async () => {
    await setClock('2026-11-02T09:00:00+07:00');
    const receiver = await api.login('fig-desk', 'receiver', PASC);
    const specialist = await api.login('fig-chi', 'specialist', JUSTICE);
    const leader = await api.login('fig-lan', 'leader', JUSTICE);
    const citizen = await api.login('fig-an', 'citizen');

    // 1: received at the counter on 02/11, finished the same day (early).
    const early = await submit(receiver, 'fig-0001', '025190001001');
    // 2: submitted online, accepted, then withdrawn by the applicant.
    const withdrawn = await submit(citizen, 'fig-0002', '025190001002');
    await decide(withdrawn, receiver, 'receiver', 'accept');
    // 3: received at the counter and left open past its due date.
    const late = await submit(receiver, 'fig-0003', '025190001003');

    await decide(early, specialist, 'specialist', 'approve', { note: 'Hồ sơ hợp lệ' });
    await decide(early, leader, 'leader', 'approve', { resultNumber: '1/STP' });
    await api.until(
      () => api.call('GET', `/dossiers/${early}`, { token: receiver }),
      (r) => r.body.status === 'RESULT_READY',
      'result ready',
    );
    const withdrawal = await api.call('POST', `/dossiers/${withdrawn}/withdraw`, {
      token: citizen,
      body: { reason: 'Không còn nhu cầu' },
    });
    expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(200);
    const dueAt = (await api.call('GET', `/dossiers/${late}`, { token: receiver })).body.dueAt as string;
    await setClock('2026-12-01T09:00:00+07:00');
    await eventsSettled(runtime);

    const admin = await api.login('fig-admin', 'admin');
    const november = await api.call('GET', '/stats?from=2026-11-01&to=2026-11-30', { token: admin });
    expect(november.status, JSON.stringify(november.body)).toBe(200);
    expect(november.body.total).toMatchObject({
      received: { total: 3, online: 1, counter: 2, post: 0, carriedOver: 0 },
      finished: { total: 1, early: 1, onTime: 0, late: 0 },
      withdrawn: 1,
      inProgress: { total: 1, withinDeadline: 0, overdue: 1 },
      paused: 0,
      rates: { onTime: 1, overallOnTime: 1 / 3, online: 1 / 3, satisfaction: null },
    });
    expect(dueAt.slice(0, 10) < '2026-11-30').toBe(true);

    // December: the open dossier is carried over; by agency it is the Justice department's (competent), not the PASC's.
    const december = await api.call('GET', '/stats?from=2026-12-01&to=2026-12-01&groupBy=agency', { token: admin });
    expect(december.body.total.received).toEqual({ total: 1, online: 0, counter: 0, post: 0, carriedOver: 1 });
    expect(december.body.rows.map((r: { agencyId: string }) => r.agencyId)).toEqual([JUSTICE]);
    const byMonth = await api.call('GET', '/stats?from=2026-10-15&to=2026-12-01&groupBy=month', { token: leader });
    expect(byMonth.body.rows.map((r: any) => [r.month, r.received.total, r.finished.total])).toEqual([
      ['2026-10', 0, 0],
      ['2026-11', 3, 1],
      ['2026-12', 1, 0],
    ]);

    // A leader reads their agency and below; another agency's leader sees none of it and may not ask for it.
    const other = await api.login('fig-other', 'leader', CONSTRUCTION);
    const theirs = await api.call('GET', '/stats?from=2026-11-01&to=2026-11-30', { token: other });
    expect(theirs.body.total.received.total).toBe(0);
    const refused = await api.call('GET', `/stats?from=2026-11-01&to=2026-11-30&agencyId=${JUSTICE}`, {
      token: other,
    });
    expect(refused.status).toBe(403);
    expect((await api.call('GET', '/stats', { token: citizen })).status).toBe(403);
    expect((await api.call('GET', '/stats?from=2026-11-31', { token: admin })).status).toBe(400);
    expect((await api.call('GET', '/stats?from=2026-12-02&to=2026-12-01', { token: admin })).body.error.code).toBe(
      'INVALID_PERIOD',
    );

    // The recount from the history finds the stored figures right; a counter damaged by hand is found and repaired.
    // (Imported once the runtime has set the table's environment, as a function's handler would be.)
    const { recountFigures: recountWith } = await import('../../functions/use-cases/recount-figures');
    const { DynamoFigureHistory } = await import('../../functions/adapters/figure-repository');
    const { DynamoCatalogueStore } = await import('../../functions/adapters/catalogue-repository');
    const ports = { figureHistory: new DynamoFigureHistory(), catalogue: new DynamoCatalogueStore() };
    const recountFigures = (options: { apply: boolean }) => recountWith(ports, options);
    expect((await recountFigures({ apply: false })).differences).toEqual({ items: [], places: [] });
    const monthItem = keys.figures('month', '2026-11', `${JUSTICE}#${PROCEDURE}#counter#0`);
    await dynamo().send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key: monthItem,
        UpdateExpression: 'ADD #late :n',
        ExpressionAttributeNames: { '#late': 'late' },
        ExpressionAttributeValues: { ':n': 2 },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    const damaged = await api.call('GET', '/stats?from=2026-11-01&to=2026-11-30', { token: admin });
    expect(damaged.body.total.finished.late).toBe(2);
    const found = await recountFigures({ apply: true });
    expect(found.differences.items.map((d) => [d.id, d.stored.late, d.expected.late])).toEqual([
      [`month|2026-11|${JUSTICE}|${PROCEDURE}|counter|0`, 2, undefined],
    ]);
    expect(found.rewritten).toBe(true);
    expect((await recountFigures({ apply: false })).differences.items).toEqual([]);
    const repaired = await api.call('GET', '/stats?from=2026-11-01&to=2026-11-30', { token: admin });
    expect(repaired.body.total).toEqual(november.body.total);
  });
});
