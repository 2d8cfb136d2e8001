import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { readJournal } from './journal';

/**
 * The national public service portal (DVCQG) as the province's integration sees it, for `npm start` and the tests:
 * authenticate with the account it issued (`{username, password}` → `{error_code: 0, session}`), then call its
 * services with `{session, madonvi, service, …}`. It checks every field it receives (types, `yyyyMMddHHmmss` times,
 * the unit code, the order of each dossier's steps and statuses), keeps what it accepted (on disk with the runtime's
 * data), answers a resend of what it holds as no change, and can be told to fail, to be slow, or to forget sessions.
 *
 * Written from the portal's side, apart from the code that sends to it: its rules are its own.
 */

const time = z
  .string()
  .regex(/^\d{14}$/, 'yyyyMMddHHmmss')
  .refine((t) => {
    const d = new Date(
      `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12)}Z`,
    );
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19).replace(/[-T:]/g, '') === t;
  }, 'not a real date and time');
const optionalTime = z.union([time, z.literal('')]);
const status = z.number().int().min(1).max(10);
const text = z.string().min(1).max(2000);

const supplement = z
  .object({
    HoSoBoSungId: text,
    NguoiYeuCauBoSung: text,
    NoiDungBoSung: z.string().max(2000),
    NgayBoSung: time,
    NgayTiepNhanBoSung: optionalTime,
    NgayHenTraTruoc: optionalTime,
    NgayHenTraMoi: optionalTime,
  })
  .strict();
const resultDocument = z
  .object({ TenGiayTo: text, MaThanhPhanHoSo: text, GiayToId: text, DuongDanTepTinKetQua: text })
  .strict();
const record = z
  .object({
    MaHoSo: text,
    MaHoSoDVCQG: text.optional(),
    MaTTHC: text,
    TenTTHC: text,
    MaCoQuanXuLy: text,
    KenhThucHien: z.number().int().min(1).max(3),
    ChuHoSo: text,
    SoGiayToChuHoSo: z.string().regex(/^\d{12}$/),
    SoDienThoai: z.string().max(20).optional(),
    Email: z.string().max(254).optional(),
    DiaChi: z.string().max(300).optional(),
    NgayNopHoSo: time,
    NgayTiepNhan: time.optional(),
    NgayHenTra: time.optional(),
    NgayKetThucXuLy: time.optional(),
    NgayTra: time.optional(),
    TrangThaiHoSo: status,
    DanhSachHoSoBoSung: z.array(supplement),
    DanhSachGiayToKetQua: z.array(resultDocument),
  })
  .strict();
/** A dossier the portal handed over and the province refused at intake. */
const refusal = z
  .object({
    MaHoSo: text,
    MaHoSoDVCQG: text,
    MaTTHC: z.string().max(40),
    TrangThaiHoSo: z.literal(3),
    NgayTuChoi: time,
    LyDoTuChoi: text,
  })
  .strict();
const progress = z
  .object({
    MaHoSo: text,
    NguoiXuLy: text,
    ChucDanh: text,
    ThoiDiemXuLy: time,
    PhongBanXuLy: text,
    NoiDungXuLy: text,
    TrangThai: status,
    NgayBatDau: time,
    NgayKetThucTheoQuyDinh: optionalTime,
  })
  .strict();
const call = z.discriminatedUnion('service', [
  z
    .object({
      session: z.string(),
      madonvi: z.string(),
      service: z.literal('DongBoHoSoMC'),
      isUpdating: z.boolean(),
      data: z.array(z.unknown()).min(1).max(100),
    })
    .strict(),
  z
    .object({
      session: z.string(),
      madonvi: z.string(),
      service: z.literal('CapNhatTienDoHoSoMC'),
      data: z.array(progress).min(1).max(500),
    })
    .strict(),
]);
const login = z.object({ username: z.string(), password: z.string() }).strict();

/**
 * The statuses a dossier may move to from each status (the portal's codes: 1 submitted, 2 received, 3 refused,
 * 4 in progress, 5 supplement requested, 6 financial obligation, 7 withdrawn, 8 stopped, 9 result ready,
 * 10 delivered). Staying is always allowed (a step that keeps the status).
 */
const NEXT: Record<number, readonly number[]> = {
  1: [2, 3, 7],
  2: [3, 4, 5, 6, 7, 8, 9],
  4: [3, 5, 6, 7, 8, 9],
  5: [2, 3, 4, 7, 8],
  6: [4, 7, 8, 3, 9],
  9: [10, 4],
  3: [],
  7: [],
  8: [],
  10: [],
};

export interface PortalDossier {
  record: z.infer<typeof record>;
  /** Every distinct record received, in order. */
  records: z.infer<typeof record>[];
  progress: z.infer<typeof progress>[];
}

interface Stored {
  dossiers: Record<string, PortalDossier>;
  refusals: Record<string, z.infer<typeof refusal>[]>;
}

class Refused extends Error {}

/** Journal lines after which the counterpart writes its snapshot again (a few MB of dossiers). */
const FOLD_AFTER_LINES = 2000;

/** One accepted change, as the journal keeps it: a dossier as it now stands, or its refusals. */
type Change = { code: string; dossier: PortalDossier } | { code: string; refusals: z.infer<typeof refusal>[] };

export class LocalNationalPortal {
  private server?: Server;
  private readonly sessions = new Set<string>();
  private state: Stored = { dossiers: {}, refusals: {} };
  private failingUntil = 0;
  private linesSinceFold = 0;
  private delayMs = 0;
  /** Calls answered, by service (what a test can wait on). */
  readonly calls: Record<string, number> = {};

  constructor(
    readonly account: { username: string; password: string },
    readonly unitCode: string,
    private readonly file?: string,
  ) {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    // What it holds: the snapshot, then the journal of changes accepted since; folded into a new snapshot at start.
    if (existsSync(file)) this.state = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    if (existsSync(this.journal)) {
      // A last line cut by a crash is left out: that call was never answered.
      for (const change of readJournal<Change>(this.journal)) this.apply(change);
      this.fold();
    }
  }

  /**
   * Writes what it holds as the snapshot, then empties the journal (a crash between the two applies the journal
   * again at the next start: each line sets a dossier to what it became, so that changes nothing).
   */
  private fold() {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state));
    renameSync(`${this.file}.tmp`, this.file!);
    writeFileSync(this.journal, '');
    this.linesSinceFold = 0;
  }

  private get journal() {
    return `${this.file}.log`;
  }

  private apply(change: Change) {
    if ('dossier' in change) this.state.dossiers[change.code] = change.dossier;
    else this.state.refusals[change.code] = change.refusals;
  }

  /** Fails every call until the instant (undefined: now); `delayMs` slows every answer; sessions can be forgotten. */
  failUntil(instant: number | undefined, delayMs = 0, expireSessions = false) {
    this.failingUntil = instant ?? 0;
    this.delayMs = delayMs;
    if (expireSessions) this.sessions.clear();
  }

  failing() {
    return this.failingUntil > Date.now() ? new Date(this.failingUntil).toISOString() : null;
  }

  dossier(code: string) {
    const held = this.state.dossiers[code];
    const refusals = this.state.refusals[code] ?? [];
    return held || refusals.length ? { ...(held ?? {}), refusals } : undefined;
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async close() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Keeps a call's changes: in memory, and one line each in the journal (a call costs what it changed, not all held). */
  private keep(changes: Change[]) {
    for (const change of changes) this.apply(change);
    if (!this.file || !changes.length) return;
    appendFileSync(this.journal, changes.map((change) => `${JSON.stringify(change)}\n`).join(''));
    // Each line is a whole dossier: folded now and then, so that a long run's journal stays small.
    this.linesSinceFold += changes.length;
    if (this.linesSinceFold >= FOLD_AFTER_LINES) this.fold();
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const answer = (httpStatus: number, body: object) => {
      res.writeHead(httpStatus, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (this.failing()) return answer(503, { error_code: 99, message: 'Hệ thống tạm thời gián đoạn (told to fail)' });
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(400, { error_code: 1, message: 'body is not JSON' });
    }
    if (req.method !== 'POST') return answer(405, { error_code: 1, message: 'POST only' });
    const signIn = login.safeParse(body);
    if (signIn.success) {
      const { username, password } = signIn.data;
      if (username !== this.account.username || password !== this.account.password)
        return answer(401, { error_code: 2, message: 'wrong account' });
      const session = randomUUID();
      this.sessions.add(session);
      return answer(200, { error_code: 0, session });
    }
    const parsed = call.safeParse(body);
    if (!parsed.success) return answer(400, { error_code: 1, message: 'invalid call', details: parsed.error.issues });
    if (!this.sessions.has(parsed.data.session)) return answer(200, { error_code: -1, message: 'session expired' });
    if (parsed.data.madonvi !== this.unitCode)
      return answer(400, { error_code: 1, message: `unknown madonvi ${parsed.data.madonvi}` });
    let changes: Change[];
    try {
      changes =
        parsed.data.service === 'DongBoHoSoMC'
          ? this.records(parsed.data.data, parsed.data.isUpdating)
          : this.progress(parsed.data.data);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return answer(400, { error_code: 1, message: error.message });
    }
    this.calls[parsed.data.service] = (this.calls[parsed.data.service] ?? 0) + 1;
    this.keep(changes);
    return answer(200, { error_code: 0, message: 'OK' });
  }

  /**
   * What a call would change, worked on copies of the dossiers it names: checked whole before any is kept, so a call
   * is accepted or refused as one.
   */
  private draft() {
    const dossiers = new Map<string, PortalDossier | undefined>();
    const refusals = new Map<string, z.infer<typeof refusal>[]>();
    return {
      dossier: (code: string) => {
        if (!dossiers.has(code)) dossiers.set(code, structuredClone(this.state.dossiers[code]));
        return dossiers.get(code);
      },
      create: (code: string, dossier: PortalDossier) => void dossiers.set(code, dossier),
      refusals: (code: string) => {
        if (!refusals.has(code)) refusals.set(code, structuredClone(this.state.refusals[code] ?? []));
        return refusals.get(code)!;
      },
      changes: (): Change[] => [
        ...[...dossiers]
          .filter(([code, dossier]) => dossier && !isDeepStrictEqual(dossier, this.state.dossiers[code]))
          .map(([code, dossier]) => ({ code, dossier: dossier! })),
        ...[...refusals]
          .filter(([code, list]) => !isDeepStrictEqual(list, this.state.refusals[code] ?? []))
          .map(([code, list]) => ({ code, refusals: list })),
      ],
    };
  }

  private records(data: unknown[], isUpdating: boolean): Change[] {
    const next = this.draft();
    for (const item of data) {
      const refused = refusal.safeParse(item);
      if (refused.success) {
        const list = next.refusals(refused.data.MaHoSo);
        if (!list.some((r) => isDeepStrictEqual(r, refused.data))) list.push(refused.data);
        continue;
      }
      const parsed = record.safeParse(item);
      if (!parsed.success) throw new Refused(`invalid record: ${JSON.stringify(parsed.error.issues)}`);
      const held = next.dossier(parsed.data.MaHoSo);
      if (!isUpdating) {
        // A resend of the creation changes nothing.
        if (held) continue;
        if (![1, 2].includes(parsed.data.TrangThaiHoSo))
          throw new Refused(`a new dossier is submitted (1) or received (2), not ${parsed.data.TrangThaiHoSo}`);
        next.create(parsed.data.MaHoSo, { record: parsed.data, records: [parsed.data], progress: [] });
        continue;
      }
      if (!held) throw new Refused(`unknown dossier ${parsed.data.MaHoSo}`);
      const last = held.progress.at(-1);
      if (last && last.TrangThai !== parsed.data.TrangThaiHoSo)
        throw new Refused(
          `record status ${parsed.data.TrangThaiHoSo} of ${parsed.data.MaHoSo} is not its last step's ${last.TrangThai}`,
        );
      if (!isDeepStrictEqual(held.record, parsed.data)) held.records.push(parsed.data);
      held.record = parsed.data;
    }
    return next.changes();
  }

  /** Each dossier's steps in order of time, each status reachable from the one before; a step held already is no change. */
  private progress(steps: z.infer<typeof progress>[]): Change[] {
    const next = this.draft();
    for (const step of steps) {
      const held = next.dossier(step.MaHoSo);
      if (!held) throw new Refused(`unknown dossier ${step.MaHoSo}`);
      if (held.progress.some((p) => isDeepStrictEqual(p, step))) continue;
      const last = held.progress.at(-1);
      if (last) {
        if (step.ThoiDiemXuLy < last.ThoiDiemXuLy)
          throw new Refused(`step at ${step.ThoiDiemXuLy} of ${step.MaHoSo} comes before ${last.ThoiDiemXuLy}`);
        if (step.TrangThai !== last.TrangThai && !NEXT[last.TrangThai]?.includes(step.TrangThai))
          throw new Refused(`${step.MaHoSo} cannot go from status ${last.TrangThai} to ${step.TrangThai}`);
      } else if (step.TrangThai !== held.record.TrangThaiHoSo) {
        throw new Refused(`the first step of ${step.MaHoSo} must be in the status it was created in`);
      }
      held.progress.push(step);
    }
    return next.changes();
  }
}
