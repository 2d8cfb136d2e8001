import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_CODES } from '../../functions/domain/status';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { AGRI_ENV, CONSTRUCTION, FINANCE, PASC, POLICE } from '../support/agencies';
import { queuesDrained } from '../support/events';
import { apiClient } from '../support/http';

/** Where the national portal keeps the citizens' files: a server the intake fetches from (one file is too large). */
let files: Server;
let filesUrl: string;
const PDF = '%PDF-1.7 giấy tờ từ Cổng DVCQG';

beforeAll(async () => {
  files = createServer((req, res) => {
    if (req.url === '/big.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(Buffer.alloc(30 * 1024 * 1024));
    }
    if (req.url?.startsWith('/files/')) {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return res.end(PDF);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));

const applicant = { fullName: 'Đỗ Thị Hằng', idNumber: '025190007777', email: 'hang@example.vn' };

function portalDossier(nationalId: string, overrides: Record<string, unknown> = {}) {
  return {
    nationalId,
    procedureCode: '1.009645',
    applicant,
    formData: { tenDuAn: 'Nhà máy chế biến chè Phú Thọ' },
    documents: [
      { componentCode: 'VAN_BAN_DE_NGHI', url: `${filesUrl}/files/de-nghi.pdf`, fileName: 'de-nghi.pdf' },
      { componentCode: 'DE_XUAT', url: `${filesUrl}/files/de-xuat.pdf`, fileName: 'de-xuat.pdf' },
      { componentCode: 'NANG_LUC', url: `${filesUrl}/files/nang-luc.pdf`, fileName: 'nang-luc.pdf' },
    ],
    ...overrides,
  };
}

describe('dossiers from the national portal, and their progress back to it', () => {
  let runtime: LocalRuntime;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
    api = apiClient(runtime.url);
  });
  afterAll(() => runtime?.close());

  const held = (code: string) => api.call('GET', `/local/dvcqg/dossiers/${code}`);

  it('takes a dossier from the portal through a consultation with a supplement; the portal holds every step in order, once, across an outage', async () => {
    const portal = await api.login('dvcqg-adapter', 'portal');
    const desk = await api.login('desk', 'receiver', PASC);
    const expert = await api.login('expert', 'specialist', FINANCE);
    const director = await api.login('director', 'leader', FINANCE);
    const operator = await api.login('ops', 'operator');
    const asked = [
      await api.login('sxd', 'specialist', CONSTRUCTION),
      await api.login('snnmt', 'specialist', AGRI_ENV),
      await api.login('cat', 'specialist', POLICE),
    ];
    const at = (now: string) => api.call('POST', '/local/clock', { body: { now } });
    await at('2026-12-07T08:00:00+07:00');
    // One document uploaded by the adapter, two fetched from the portal's store.
    const uploaded = await api.upload(portal, 'de-nghi.pdf', PDF);
    const body = portalDossier('G22.99-261203-000101', {
      documents: [
        { componentCode: 'VAN_BAN_DE_NGHI', uploadId: uploaded.uploadId },
        ...portalDossier('x').documents.slice(1),
      ],
    });
    const created = await api.call('POST', '/integrations/dvcqg/dossiers', { token: portal, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'SUBMITTED', error_code: 0, nationalId: body.nationalId });
    const code: string = created.body.code;
    // A resend is the same dossier; another body under the same id is a conflict, in both error styles.
    const resent = await api.call('POST', '/integrations/dvcqg/dossiers', { token: portal, body });
    expect([resent.status, resent.body.code, resent.headers.get('idempotent-replayed')]).toEqual([201, code, 'true']);
    const other = await api.call('POST', '/integrations/dvcqg/dossiers', {
      token: portal,
      body: { ...body, formData: { tenDuAn: 'Dự án khác' } },
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' }, error_code: 409 });
    expect(other.body.message).toBe(other.body.error.message);

    const dossier = (await api.call('GET', `/dossiers/${code}`, { token: desk })).body;
    expect(dossier.channel).toBe('dvcqg');
    // The fetched files are the dossier's, readable through its links.
    const fetched = dossier.documents.find((d: { componentCode: string }) => d.componentCode === 'DE_XUAT');
    const link = await api.call('GET', fetched.href, { token: desk });
    expect(await (await fetch(link.body.url)).text()).toBe(PDF);

    await api.decide(desk, await api.taskOf(desk, code, 'reception'), { decision: 'accept' });
    await api.decide(expert, await api.taskOf(expert, code, 'appraisal'), {
      decision: 'request_supplement',
      note: 'Bổ sung báo cáo tài chính hai năm gần nhất',
    });
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: desk }),
      (r) => r.body.status === 'SUPPLEMENT_REQUESTED' && r.body.tasks?.length === 1,
      'the supplement request',
    );
    // Answered two days later: the clock restarts from zero then, so the new due date is later.
    await at('2026-12-09T08:00:00+07:00');
    const supplement = await api.upload(desk, 'bao-cao-tai-chinh.pdf', PDF);
    const answered = await api.call('POST', `/dossiers/${code}/supplement`, {
      token: desk,
      body: { documents: [{ componentCode: 'NANG_LUC', uploadId: supplement.uploadId }], note: 'Nộp tại quầy' },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(202);

    // The portal goes down while the dossier moves on: its sync waits, listed as pending for operators.
    await api.call('POST', '/local/dvcqg/fail', { body: { until: new Date(Date.now() + 60_000).toISOString() } });
    await api.decide(expert, await api.taskOf(expert, code, 'appraisal'), { decision: 'consult' });
    const pending = await api.until(
      () => api.call('GET', '/ops/sync?status=pending', { token: operator }),
      (r) => r.body.items.some((p: { code: string }) => p.code === code),
      'the sync listed as pending',
    );
    expect(pending.body.items.find((p: { code: string }) => p.code === code).lastError).toMatch(/503|told to fail/);
    const tasks = await Promise.all(
      ['opinion_construction', 'opinion_environment', 'opinion_security'].map((step, i) =>
        api.taskOf(asked[i]!, code, step),
      ),
    );
    for (const [i, task] of tasks.entries()) await api.decide(asked[i]!, task, { decision: 'agree' });
    await api.decide(expert, await api.taskOf(expert, code, 'synthesis'), { decision: 'propose' });
    const result = await api.upload(director, 'quyet-dinh.pdf', PDF);
    await api.decide(director, await api.taskOf(director, code, 'approval'), {
      decision: 'approve',
      resultNumber: '88/QĐ-UBND',
      documents: [{ componentCode: 'KET_QUA', uploadId: result.uploadId }],
    });
    // Back up: everything reaches the portal once, in order, and the record ends as the dossier does.
    await api.call('POST', '/local/dvcqg/fail', { body: { until: null } });
    await api.decide(desk, await api.taskOf(desk, code, 'delivery'), { decision: 'deliver' });
    const final = await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: desk }),
      (r) => r.body.status === 'DELIVERED',
      'delivery',
    );
    const history = final.body.history as { toStatus: keyof typeof STATUS_CODES; at: string }[];
    const portalCopy = (
      await api.until(
        () => held(code),
        (r) => r.status === 200 && r.body.progress.length >= history.length && r.body.record.TrangThaiHoSo === 10,
        'the portal holding every step',
        30_000,
      )
    ).body;
    expect(portalCopy.progress.map((p: { TrangThai: number }) => p.TrangThai)).toEqual(
      history.map((h) => STATUS_CODES[h.toStatus]),
    );
    expect(portalCopy.progress.map((p: { ThoiDiemXuLy: string }) => p.ThoiDiemXuLy)).toEqual(
      history.map((h) => h.at.slice(0, 19).replace(/[-T:]/g, '')),
    );
    expect(portalCopy.record).toMatchObject({
      MaHoSo: code,
      MaHoSoDVCQG: body.nationalId,
      MaTTHC: '1.009645',
      KenhThucHien: 2,
      SoGiayToChuHoSo: applicant.idNumber,
      TrangThaiHoSo: 10,
    });
    const [asked_] = portalCopy.record.DanhSachHoSoBoSung;
    expect(asked_).toMatchObject({ NoiDungBoSung: 'Bổ sung báo cáo tài chính hai năm gần nhất' });
    expect(asked_.NgayHenTraTruoc).toMatch(/^\d{14}$/);
    expect(asked_.NgayHenTraMoi).toMatch(/^\d{14}$/);
    expect(asked_.NgayHenTraMoi > asked_.NgayHenTraTruoc).toBe(true);
    expect(portalCopy.record.DanhSachGiayToKetQua).toEqual([
      expect.objectContaining({ MaThanhPhanHoSo: 'KET_QUA', TenGiayTo: 'quyet-dinh.pdf' }),
    ]);
    // Every record the portal took is one the dossier passed through, in order of its statuses.
    const statuses = portalCopy.records.map((r: { TrangThaiHoSo: number }) => r.TrangThaiHoSo);
    expect(statuses[0]).toBe(1);
    expect(statuses.at(-1)).toBe(10);

    await queuesDrained(api);
    for (const status of ['pending', 'failed']) {
      const listed = await api.call('GET', `/ops/sync?status=${status}`, { token: operator });
      expect(listed.body.items.map((p: { code: string }) => p.code)).not.toContain(code);
    }
    // The figures count it as online, and as synced (DOSSIER_SYNC of the 766 index).
    const leader = await api.login('chu-tich', 'admin');
    const day = history[0]!.at.slice(0, 10);
    const stats = await api.until(
      () => api.call('GET', `/stats?from=${day}&to=${day}&procedureId=1.009645`, { token: leader }),
      (r) => r.body.total.synced === 1,
      'the first sync counted',
    );
    expect(stats.body.total).toMatchObject({ received: { online: 1, counter: 0 }, synced: 1 });
    const viaPortal = await api.call('GET', `/stats?from=${day}&to=${day}&channel=dvcqg`, { token: leader });
    expect(viaPortal.body.total.received.online).toBe(1);
    const index = await api.call('GET', `/stats/index766?from=${day}&to=${day}`, { token: leader });
    const sync = index.body.total.groups
      .find((g: { code: string }) => g.code === 'CKMB')
      .indicators.find((i: { code: string }) => i.code === 'DOSSIER_SYNC');
    expect(sync).toMatchObject({ max: 6, numerator: 1, denominator: 1, score: 6 });

    // An operator's re-send sends it all again; the portal takes it as no change.
    const callsBefore = runtime.nationalPortal.calls.CapNhatTienDoHoSoMC ?? 0;
    const resend = await api.call('POST', `/ops/sync/${code}/resend`, { token: operator });
    expect(resend.status).toBe(202);
    await api.until(
      async () => runtime.nationalPortal.calls.CapNhatTienDoHoSoMC ?? 0,
      (n) => n > callsBefore,
      'the re-send',
    );
    const after = (await held(code)).body;
    expect(after.progress).toEqual(portalCopy.progress);
    expect((await api.call('POST', '/ops/sync/000.00.01.H45-261207-9999/resend', { token: operator })).status).toBe(
      404,
    );
  });

  it('refuses what it cannot take, in both error styles, and tells the portal', async () => {
    const portal = await api.login('dvcqg-adapter', 'portal');
    const refusals: [string, Record<string, unknown>, number, string][] = [
      ['G22.99-261203-000201', { procedureCode: '9.999999' }, 422, 'PROCEDURE_NOT_FOUND'],
      ['G22.99-261203-000202', { documents: portalDossier('x').documents.slice(0, 2) }, 422, 'INCOMPLETE_DOSSIER'],
      [
        'G22.99-261203-000203',
        {
          documents: [
            ...portalDossier('x').documents.slice(0, 2),
            { componentCode: 'NANG_LUC', url: `${filesUrl}/missing.pdf`, fileName: 'nang-luc.pdf' },
          ],
        },
        422,
        'DOCUMENT_UNREACHABLE',
      ],
      [
        'G22.99-261203-000204',
        {
          documents: [
            ...portalDossier('x').documents.slice(0, 2),
            { componentCode: 'NANG_LUC', url: `${filesUrl}/big.pdf`, fileName: 'nang-luc.pdf' },
          ],
        },
        413,
        'DOCUMENT_TOO_LARGE',
      ],
      ['G22.99-261203-000205', { applicant: { ...applicant, idNumber: '12345' } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [nationalId, overrides, status, code] of refusals) {
      const reply = await api.call('POST', '/integrations/dvcqg/dossiers', {
        token: portal,
        body: portalDossier(nationalId, overrides),
      });
      expect([reply.status, reply.body.error?.code, reply.body.error_code], nationalId).toEqual([status, code, status]);
      expect(reply.body.message).toBe(reply.body.error.message);
      const told = await api.until(
        () => held(nationalId),
        (r) => r.status === 200 && r.body.refusals.length === 1,
        `the refusal of ${nationalId} sent to the portal`,
      );
      expect(told.body.refusals[0]).toMatchObject({ MaHoSoDVCQG: nationalId, TrangThaiHoSo: 3 });
      expect(told.body.refusals[0].LyDoTuChoi).toContain(reply.body.error.message);
      if (status === 400) expect(told.body.refusals[0].LyDoTuChoi).toContain('applicant.idNumber');
    }
    // Only the portal's adapter hands dossiers over.
    const citizen = await api.login('hang', 'citizen');
    const forbidden = await api.call('POST', '/integrations/dvcqg/dossiers', {
      token: citizen,
      body: portalDossier('G22.99-261203-000206'),
    });
    expect([forbidden.status, forbidden.body.error_code]).toEqual([403, 403]);
    expect((await held('G22.99-261203-000206')).status).toBe(404);
  });
});

describe('a sync that keeps failing', () => {
  it('is marked failed on its last attempt and goes to the dead letters; the next event after recovery brings the portal up, and a re-send changes nothing', async () => {
    const runtime = await startLocalRuntime({
      port: 0,
      province: 'phu-tho',
      reactionRetry: { baseMs: 50, maxReceives: 3 },
    });
    try {
      const api = apiClient(runtime.url);
      const portal = await api.login('dvcqg-adapter', 'portal');
      const operator = await api.login('ops', 'operator');
      await api.call('POST', '/local/dvcqg/fail', { body: { until: new Date(Date.now() + 600_000).toISOString() } });
      const created = await api.call('POST', '/integrations/dvcqg/dossiers', {
        token: portal,
        body: portalDossier('G22.99-261203-000301'),
      });
      expect(created.status).toBe(201);
      const code: string = created.body.code;
      const failed = await api.until(
        () => api.call('GET', '/ops/sync?status=failed', { token: operator }),
        (r) => r.body.items.some((p: { code: string }) => p.code === code),
        'the sync marked failed',
      );
      expect(failed.body.items[0]).toMatchObject({ code, state: 'failed', syncedSeq: 0, wantedSeq: 1, attempts: 3 });
      const dead = await api.until(
        () => api.call('GET', '/local/dead-letters'),
        (r) =>
          r.body.items.some((d: { reaction: string; code: string }) => d.reaction === 'dvcqg-sync' && d.code === code),
        'the dead letter',
      );
      expect(dead.status).toBe(200);
      // Back up: the next event of the dossier brings the portal up to it, the dead-lettered creation included.
      await api.call('POST', '/local/dvcqg/fail', { body: { until: null } });
      const desk = await api.login('desk', 'receiver', PASC);
      await api.decide(desk, await api.taskOf(desk, code, 'reception'), { decision: 'accept' });
      // The flow may add steps after processing starts: compare once the portal holds all the dossier has.
      const both = async () => ({
        dossier: (await api.call('GET', `/dossiers/${code}`, { token: desk })).body,
        portal: await api.call('GET', `/local/dvcqg/dossiers/${code}`),
      });
      const { dossier, portal: copy } = await api.until(
        both,
        ({ dossier, portal }) =>
          dossier.status === 'IN_PROGRESS' &&
          portal.status === 200 &&
          portal.body.progress.length === dossier.history.length &&
          // The record follows the steps (a second call): wait for it too.
          portal.body.record.TrangThaiHoSo === portal.body.progress.at(-1).TrangThai,
        'the dossier on the portal',
      );
      const history = dossier.history as { toStatus: keyof typeof STATUS_CODES }[];
      expect(copy.body.progress.map((p: { TrangThai: number }) => p.TrangThai)).toEqual(
        history.map((h) => STATUS_CODES[h.toStatus]),
      );
      expect(copy.body.record).toMatchObject({ MaHoSo: code, TrangThaiHoSo: 4, KenhThucHien: 2 });
      await api.until(
        () => api.call('GET', '/ops/sync?status=failed', { token: operator }),
        (r) => !r.body.items.some((p: { code: string }) => p.code === code),
        'the failed sync cleared',
      );
      // The portal forgets its sessions and an operator re-sends: a new session, everything again, no change.
      await api.call('POST', '/local/dvcqg/fail', { body: { until: null, expireSessions: true } });
      const calls = runtime.nationalPortal.calls.DongBoHoSoMC ?? 0;
      expect((await api.call('POST', `/ops/sync/${code}/resend`, { token: operator })).status).toBe(202);
      await api.until(
        async () => runtime.nationalPortal.calls.DongBoHoSoMC ?? 0,
        (n) => n >= calls + 2,
        'the re-send',
      );
      expect((await api.call('GET', `/local/dvcqg/dossiers/${code}`)).body.progress).toEqual(copy.body.progress);
    } finally {
      await runtime.close();
    }
  });
});
