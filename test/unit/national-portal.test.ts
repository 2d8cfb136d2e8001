import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpNationalPortal, PortalCallError } from '../../functions/adapters/national-portal';
import type { HistoryEvent } from '../../functions/domain/dossier';
import { figuresOf, recount, syncedDeltas } from '../../functions/domain/figures';
import {
  failedAttempt,
  PORTAL_STATUS,
  portalTime,
  progressOf,
  receivedIn,
  recordOf,
} from '../../functions/domain/national-portal';
import { STATUS_CODES } from '../../functions/domain/status';
import { LocalNationalPortal } from '../../infra/local/national-portal';
import { InMemoryFigures } from '../support/in-memory-ports';
import { citizen, newDossier } from '../support/lifecycle';

const entry = (seq: number, at: string, from: HistoryEvent['fromStatus'], to: HistoryEvent['toStatus'], extra = {}) =>
  ({
    seq,
    at,
    actor: seq === 1 ? 'citizen-1' : 'officer-2',
    role: seq === 1 ? 'citizen' : 'specialist',
    agencyId: seq === 1 ? null : '000.00.12.H45',
    action: seq === 1 ? 'submit' : `appraisal:step${seq}`,
    fromStatus: from,
    toStatus: to,
    note: null,
    ...extra,
  }) as HistoryEvent;

/** Received, asked for a supplement, answered two days later (the clock restarts), result ready. */
const history: HistoryEvent[] = [
  entry(1, '2026-03-02T09:00:00+07:00', null, 'SUBMITTED', { dueAt: null }),
  entry(2, '2026-03-02T09:30:00+07:00', 'SUBMITTED', 'RECEIVED', { dueAt: '2026-03-12T17:00:00+07:00' }),
  entry(3, '2026-03-02T09:45:00+07:00', 'RECEIVED', 'IN_PROGRESS', { dueAt: '2026-03-12T17:00:00+07:00' }),
  entry(4, '2026-03-03T10:00:00+07:00', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', {
    dueAt: null,
    note: 'Bổ sung giấy tờ',
    stepDueAt: '2026-03-03T16:00:00+07:00',
  }),
  entry(5, '2026-03-05T08:00:00+07:00', 'SUPPLEMENT_REQUESTED', 'IN_PROGRESS', { dueAt: '2026-03-19T17:00:00+07:00' }),
  entry(6, '2026-03-06T15:00:00+07:00', 'IN_PROGRESS', 'RESULT_READY', { dueAt: '2026-03-19T17:00:00+07:00' }),
];
const dossier = {
  ...newDossier(citizen),
  status: 'RESULT_READY' as const,
  finishedAt: '2026-03-06T15:00:00+07:00',
  supplements: [
    {
      requestedAt: '2026-03-03T10:00:00+07:00',
      requestedBy: 'officer-2',
      agencyId: '000.00.12.H45',
      note: 'Bổ sung giấy tờ',
      respondedAt: '2026-03-05T08:00:00+07:00',
    },
  ],
  result: {
    number: '1/STP',
    signer: 'leader',
    signedAt: '2026-03-06T15:00:00+07:00',
    documents: [
      {
        componentCode: 'KET_QUA',
        uploadId: 'u-1',
        key: 'k',
        fileName: 'ket-qua.pdf',
        contentType: 'application/pdf',
        size: 3,
      },
    ],
  },
};
const agencies = new Map([['000.00.12.H45', 'Sở Tư pháp']]);

describe('what the national portal receives (DongBoHoSoMC, CapNhatTienDoHoSoMC)', () => {
  it('writes times as yyyyMMddHHmmss in Vietnam and maps every status to its portal code by one table', () => {
    expect(portalTime('2026-03-02T09:00:00+07:00')).toBe('20260302090000');
    expect(portalTime('2026-03-01T17:30:05Z')).toBe('20260302003005');
    expect(Object.entries(PORTAL_STATUS)).toEqual(Object.entries(STATUS_CODES));
  });

  it('makes one progress entry per history entry, begun when the previous one ended, due when its step was', () => {
    const steps = progressOf(dossier.code, history, agencies);
    expect(steps.map((s) => s.TrangThai)).toEqual([1, 2, 4, 5, 4, 9]);
    expect(steps[3]).toMatchObject({
      MaHoSo: dossier.code,
      NguoiXuLy: 'officer-2',
      ChucDanh: 'Chuyên viên xử lý',
      PhongBanXuLy: 'Sở Tư pháp',
      ThoiDiemXuLy: '20260303100000',
      NgayBatDau: '20260302094500',
      NgayKetThucTheoQuyDinh: '20260303160000',
      NoiDungXuLy: 'Yêu cầu bổ sung: Bổ sung giấy tờ',
    });
    expect(steps[0]).toMatchObject({
      NguoiXuLy: 'citizen-1',
      PhongBanXuLy: 'Cổng Dịch vụ công',
      NgayKetThucTheoQuyDinh: '',
    });
  });

  it('gives the record as it stood after an entry: status and due date then, results only once finished', () => {
    const atRequest = recordOf(dossier, history, 4, 'G22-1');
    expect(atRequest).toMatchObject({ TrangThaiHoSo: 5, MaHoSoDVCQG: 'G22-1', DanhSachGiayToKetQua: [] });
    expect(atRequest.NgayKetThucXuLy).toBeUndefined();
    // The supplement asked for but not answered yet at that point: no new due date.
    expect(atRequest.DanhSachHoSoBoSung).toEqual([
      expect.objectContaining({ NgayHenTraTruoc: '20260312170000', NgayHenTraMoi: '', NgayTiepNhanBoSung: '' }),
    ]);
    const finished = recordOf(dossier, history, 6, undefined);
    expect(finished).toMatchObject({
      TrangThaiHoSo: 9,
      NgayHenTra: '20260319170000',
      NgayKetThucXuLy: '20260306150000',
      DanhSachHoSoBoSung: [
        expect.objectContaining({
          NgayHenTraTruoc: '20260312170000',
          NgayHenTraMoi: '20260319170000',
          NgayTiepNhanBoSung: '20260305080000',
        }),
      ],
      DanhSachGiayToKetQua: [expect.objectContaining({ MaThanhPhanHoSo: 'KET_QUA', GiayToId: 'u-1' })],
    });
    expect(finished).not.toHaveProperty('MaHoSoDVCQG');
  });

  it('counts a dossier in the share synced once the portal holds it as received, once', async () => {
    expect(receivedIn(history.slice(0, 1))).toBe(false);
    expect(receivedIn(history.slice(0, 2))).toBe(true);
    // Refused at the desk: never received, never in the share.
    expect(receivedIn([history[0]!, entry(2, history[1]!.at, 'SUBMITTED', 'REFUSED')])).toBe(false);
    // Counted on the reception day, by the marker of its own (the sync may come before the figures have the dossier).
    const key = { agencyId: 'A', procedureId: 'P', channel: 'dvcqg' as const };
    const figures = new InMemoryFigures();
    const deltas = syncedDeltas({ at: '2026-03-02T09:31:00+07:00' });
    expect(deltas).toEqual([{ day: '2026-03-02', counts: { synced: 1 } }]);
    expect(await figures.applyOnce('C1', 'SYNCED', key, deltas, 0)).toBe(true);
    expect(await figures.applyOnce('C1', 'SYNCED', key, deltas, 0)).toBe(false);
    expect([...figures.items.values()].map((i) => [i.level, i.counts.synced])).toEqual([
      ['day', 1],
      ['month', 1],
      ['year', 1],
    ]);
    const { items } = recount(
      [{ id: 'C1#synced', code: 'C1', synced: { at: '2026-03-02T09:31:00+07:00', key } }],
      () => undefined,
      () => 0,
      () => true,
    );
    expect([...items.values()].map((i) => i.counts.synced)).toEqual([1, 1, 1]);
    expect(figuresOf({}, { online: 4, synced: 1 }).rates.synced).toBe(0.25);
  });

  it('records a failed attempt as pending, and as failed on the last delivery, keeping what was synced', () => {
    const before = { code: 'C', state: 'synced' as const, syncedSeq: 3, attempts: 0, counted: true, updatedAt: 'x' };
    expect(failedAttempt(before, 'C', 5, 2, 8, 'boom', 'now')).toMatchObject({
      state: 'pending',
      syncedSeq: 3,
      wantedSeq: 5,
      attempts: 2,
      counted: true,
    });
    expect(failedAttempt(before, 'C', 5, 8, 8, 'boom', 'now').state).toBe('failed');
  });
});

describe('the session protocol, against the local counterpart', () => {
  const account = { username: 'motcua', password: 's3cret' };
  const counterpart = new LocalNationalPortal(account, '000.00.01.H45');
  const portal = new HttpNationalPortal();
  beforeAll(async () => {
    Object.assign(process.env, {
      DVCQG_URL: await counterpart.listen(),
      DVCQG_UNIT_CODE: '000.00.01.H45',
      DVCQG_CREDENTIALS: JSON.stringify(account),
    });
  });
  afterAll(async () => {
    await counterpart.close();
    for (const name of ['DVCQG_URL', 'DVCQG_UNIT_CODE', 'DVCQG_CREDENTIALS']) delete process.env[name];
  });

  it('creates, updates in order, renews an expired session once, and is refused what breaks the order', async () => {
    expect(portal.configured()).toBe(true);
    const steps = progressOf(dossier.code, history, agencies);
    await portal.syncRecords([recordOf(dossier, history, 1, undefined)], false);
    await portal.updateProgress(steps.slice(0, 4));
    await portal.syncRecords([recordOf(dossier, history, 4, undefined)], true);
    // The portal forgets its sessions: the next call signs in again, transparently.
    counterpart.failUntil(undefined, 0, true);
    await portal.updateProgress(steps.slice(4));
    await portal.syncRecords([recordOf(dossier, history, 6, undefined)], true);
    // A resend of everything is no change.
    await portal.syncRecords([recordOf(dossier, history, 1, undefined)], false);
    await portal.updateProgress(steps);
    const held = counterpart.dossier(dossier.code)!;
    expect(held.progress!.map((p) => p.TrangThai)).toEqual([1, 2, 4, 5, 4, 9]);
    expect(held.record!.TrangThaiHoSo).toBe(9);
    // Out of order (a step dated before the last one), or a record ahead of its steps: refused.
    const early = { ...steps[5]!, ThoiDiemXuLy: '20260301000000', NoiDungXuLy: 'late news' };
    await expect(portal.updateProgress([early])).rejects.toThrow(PortalCallError);
    const ahead = { ...recordOf(dossier, history, 6, undefined), TrangThaiHoSo: 10 };
    await expect(portal.syncRecords([ahead], true)).rejects.toThrow(/not its last step/);
    // Down: a 503 the reaction will retry.
    counterpart.failUntil(Date.now() + 60_000);
    await expect(portal.updateProgress(steps)).rejects.toThrow(/503/);
    counterpart.failUntil(undefined);
  });
});

describe('what the local counterpart keeps on disk', () => {
  it('holds after a restart what it accepted, refused calls leave nothing, and a line cut by a crash is dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-dvcqg-'));
    const file = join(dir, 'dvcqg.json');
    const account = { username: 'motcua', password: 's3cret' };
    const first = new LocalNationalPortal(account, '000.00.01.H45', file);
    const portal = new HttpNationalPortal();
    try {
      Object.assign(process.env, {
        DVCQG_URL: await first.listen(),
        DVCQG_UNIT_CODE: '000.00.01.H45',
        DVCQG_CREDENTIALS: JSON.stringify(account),
      });
      const steps = progressOf(dossier.code, history, agencies);
      await portal.syncRecords([recordOf(dossier, history, 1, undefined)], false);
      await portal.updateProgress(steps.slice(0, 4));
      const ahead = { ...recordOf(dossier, history, 6, undefined), TrangThaiHoSo: 10 };
      await expect(portal.syncRecords([ahead], true)).rejects.toThrow(/not its last step/);
      await first.close();
      // A crash while a line was written: the half line (a call never answered) is not held.
      appendFileSync(`${file}.log`, '{"code":"cut');
      const second = new LocalNationalPortal(account, '000.00.01.H45', file);
      expect(second.dossier(dossier.code)).toEqual(first.dossier(dossier.code));
      expect(second.dossier(dossier.code)!.progress!.map((p) => p.TrangThai)).toEqual([1, 2, 4, 5]);
      // Started again, it folded its journal into the snapshot and holds the same.
      expect(readFileSync(`${file}.log`, 'utf8')).toBe('');
      expect(new LocalNationalPortal(account, '000.00.01.H45', file).dossier(dossier.code)).toEqual(
        first.dossier(dossier.code),
      );
    } finally {
      await first.close();
      for (const name of ['DVCQG_URL', 'DVCQG_UNIT_CODE', 'DVCQG_CREDENTIALS']) delete process.env[name];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
