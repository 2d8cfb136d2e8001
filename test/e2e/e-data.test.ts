import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { JUSTICE, PASC } from '../support/agencies';
import { eventsSettled } from '../support/events';
import { apiClient } from '../support/http';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(() => runtime?.close());

const ID = '025190004242';
const applicant = { fullName: 'Lê Văn Khoa', idNumber: ID, email: 'khoa@example.vn' };
const TO_KHAI = '%PDF tờ khai lý lịch tư pháp';
const CCCD = '%PDF căn cước công dân';
const RESULT = '%PDF phiếu lý lịch tư pháp số 1';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A citizen signed in through VNeID: the token carries their identification number. */
async function verifiedCitizen(username: string, idNumber?: string) {
  const reply = await api.call('POST', '/local/login', {
    body: { username, role: 'citizen', ...(idNumber ? { idNumber } : {}) },
  });
  expect(reply.status).toBe(200);
  return reply.body.token as string;
}

async function mine(token: string, count: number) {
  return (
    await api.until(
      () => api.call('GET', '/me/documents', { token }),
      (r) => r.status === 200 && r.body.items.length >= count,
      `${count} stored documents`,
    )
  ).body.items as Record<string, any>[];
}

const download = async (token: string, href: string) =>
  (await fetch((await api.call('GET', href, { token })).body.url)).text();

describe("the citizen's e-data store (Kho quản lý dữ liệu điện tử)", () => {
  it('keeps what an agency accepted and the results it issued, and a later dossier takes them instead of an upload', async () => {
    const citizen = await verifiedCitizen('khoa', ID);
    const receiver = await api.login('desk-edata', 'receiver', PASC);
    const specialist = await api.login('cv-edata', 'specialist', JUSTICE);
    const leader = await api.login('ld-edata', 'leader', JUSTICE);
    await api.call('POST', '/local/clock', { body: { now: '2026-12-07T08:00:00+07:00' } });

    const first = await api.call('POST', '/dossiers', {
      token: citizen,
      headers: { 'idempotency-key': 'edata-first-0001' },
      body: {
        procedureId: '2.000488',
        applicant,
        documents: [
          { componentCode: 'TO_KHAI', uploadId: (await api.upload(citizen, 'to-khai.pdf', TO_KHAI)).uploadId },
          {
            componentCode: 'CCCD',
            uploadId: (await api.upload(citizen, 'cccd.pdf', CCCD)).uploadId,
            legalStanding: 'certified-copy',
            validUntil: '2027-01-31',
          },
        ],
      },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const code = first.body.code as string;
    // Submitted, not yet accepted: nothing is kept.
    await eventsSettled(runtime);
    expect((await api.call('GET', '/me/documents', { token: citizen })).body.items).toEqual([]);

    await api.decide(receiver, await api.taskOf(receiver, code, 'reception'), { decision: 'accept' });
    const accepted = await mine(citizen, 2);
    const cccd = accepted.find((d) => d.componentCode === 'CCCD')!;
    expect(cccd).toMatchObject({
      fileName: 'cccd.pdf',
      sha256: sha256(CCCD),
      legalStanding: 'certified-copy',
      digitisedBy: { role: 'citizen', agencyId: null },
      source: { dossierCode: code, kind: 'submitted' },
      validUntil: '2027-01-31',
    });
    expect(accepted.find((d) => d.componentCode === 'TO_KHAI')).toMatchObject({ legalStanding: 'scan' });
    expect(await download(citizen, cccd.href)).toBe(CCCD);

    await api.decide(specialist, await api.taskOf(specialist, code, 'appraisal'), { decision: 'approve' });
    const result = await api.upload(leader, 'phieu-llpt.pdf', RESULT);
    await api.decide(leader, await api.taskOf(leader, code, 'approval'), {
      decision: 'approve',
      resultNumber: '1/2026/LLTP',
      documents: [{ componentCode: 'PHIEU_LLTP', uploadId: result.uploadId }],
    });
    const withResult = await mine(citizen, 3);
    expect(withResult.find((d) => d.source.kind === 'result')).toMatchObject({
      componentCode: 'PHIEU_LLTP',
      sha256: sha256(RESULT),
      legalStanding: 'original-electronic',
      issuedBy: { agencyId: JUSTICE, resultNumber: '1/2026/LLTP' },
      digitisedBy: { role: 'leader', agencyId: JUSTICE },
    });

    // A second dossier takes the identity card from the store: no upload, the same file.
    const second = await api.call('POST', '/dossiers', {
      token: citizen,
      headers: { 'idempotency-key': 'edata-second-001' },
      body: {
        procedureId: '2.000488',
        applicant,
        documents: [
          { componentCode: 'TO_KHAI', uploadId: (await api.upload(citizen, 'to-khai-2.pdf', TO_KHAI)).uploadId },
          { componentCode: 'CCCD', storedDocumentId: cccd.id },
        ],
      },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const reused = (await api.call('GET', `/dossiers/${second.body.code}`, { token: receiver })).body.documents.find(
      (d: { componentCode: string }) => d.componentCode === 'CCCD',
    );
    // The officer handling the dossier reads it through the dossier.
    expect(await download(receiver, reused.href)).toBe(CCCD);
    await api.decide(receiver, await api.taskOf(receiver, second.body.code, 'reception'), { decision: 'accept' });

    // Nobody else reuses or reads it; without a verified identity there is no store.
    const stranger = await verifiedCitizen('la', '025190009999');
    const unverified = await verifiedCitizen('an-danh');
    for (const [token, status, errorCode] of [
      [stranger, 422, 'STORED_DOCUMENT_NOT_FOUND'],
      [unverified, 422, 'IDENTITY_NOT_VERIFIED'],
    ] as const) {
      const refused = await api.call('POST', '/dossiers', {
        token,
        headers: { 'idempotency-key': `edata-${errorCode.toLowerCase().slice(0, 20)}` },
        body: {
          procedureId: '2.000488',
          applicant: token === stranger ? { ...applicant, idNumber: '025190009999' } : applicant,
          documents: [
            { componentCode: 'TO_KHAI', uploadId: (await api.upload(token, 'a.pdf', TO_KHAI)).uploadId },
            { componentCode: 'CCCD', storedDocumentId: cccd.id },
          ],
        },
      });
      expect([refused.status, refused.body.error?.code]).toEqual([status, errorCode]);
    }
    expect((await api.call('GET', cccd.href, { token: stranger })).status).toBe(404);
    expect((await api.call('GET', '/me/documents', { token: unverified })).status).toBe(403);

    // Past its validity it is not reused.
    await api.call('POST', '/local/clock', { body: { now: '2027-02-01T08:00:00+07:00' } });
    const expired = await api.call('POST', '/dossiers', {
      token: citizen,
      headers: { 'idempotency-key': 'edata-expired-01' },
      body: {
        procedureId: '2.000488',
        applicant,
        documents: [
          { componentCode: 'TO_KHAI', uploadId: (await api.upload(citizen, 'b.pdf', TO_KHAI)).uploadId },
          { componentCode: 'CCCD', storedDocumentId: cccd.id },
        ],
      },
    });
    expect([expired.status, expired.body.error?.code]).toEqual([422, 'STORED_DOCUMENT_EXPIRED']);

    // The desk scanning a counter applicant's paper: digitised by the desk.
    const intake = await api.call('POST', '/dossiers', {
      token: receiver,
      headers: { 'idempotency-key': 'edata-counter-01' },
      body: {
        procedureId: '2.000488',
        applicant,
        documents: [
          { componentCode: 'TO_KHAI', uploadId: (await api.upload(receiver, 'scan.pdf', TO_KHAI)).uploadId },
          { componentCode: 'CCCD', storedDocumentId: withResult.find((d) => d.componentCode === 'TO_KHAI')!.id },
        ],
      },
    });
    expect(intake.status, JSON.stringify(intake.body)).toBe(201);
    const scanned = (await mine(citizen, 5)).find((d) => d.source.dossierCode === intake.body.code)!;
    expect(scanned).toMatchObject({ legalStanding: 'scan', digitisedBy: { role: 'receiver', agencyId: PASC } });

    // The figures: every received dossier was digitised, two of the three reused a stored document; the one
    // finished has its result as an electronic file (the 766 digitisation indicators are measured).
    await eventsSettled(runtime);
    const admin = await api.login('edata-admin', 'admin');
    const stats = await api.call('GET', '/stats?from=2026-12-01&to=2027-02-28&procedureId=2.000488', { token: admin });
    expect(stats.body.total.documents).toEqual({ digitised: 3, reused: 2, electronicResults: 1 });
    expect(stats.body.total.rates).toMatchObject({ digitised: 1, reused: 2 / 3 });
    const index = await api.call('GET', '/stats/index766?from=2026-12-01&to=2027-02-28', { token: admin });
    const mdsh = index.body.total.groups.find((g: { code: string }) => g.code === 'MDSH').indicators;
    const score = (code: string) => mdsh.find((i: { code: string }) => i.code === code);
    expect(score('SO_HOA_GIAY_TO_GIAI_QUYET')).toMatchObject({ numerator: 3, denominator: 3, score: 4 });
    expect(score('REUSED_DIGITIZED_DATA')).toMatchObject({ numerator: 2, denominator: 3, score: 1.33 });
    expect(score('ORIGINAL_RESULT_AVAILABLE')).toMatchObject({ numerator: 1, denominator: 1, score: 6 });
    expect(score('ELECTRONIC_CERTIFIED_COPY')).toMatchObject({ score: null, notMeasured: expect.any(String) });
  });
});
