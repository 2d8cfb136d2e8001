import type { Dossier, HistoryEvent, Role } from './dossier';
import { transitionEffect } from './lifecycle/transitions';
import { type DossierStatus, STATUS_CODES } from './status';
import { VIETNAM_OFFSET_MS } from './vietnam-time';
import type { Channel } from './working-calendar';

/**
 * Cổng Dịch vụ công quốc gia (DVCQG) — what the national public service portal receives from the province: each
 * dossier's record (`DongBoHoSoMC`) and each processing step (`CapNhatTienDoHoSoMC`), with the field names of its
 * integration protocol (the session-based service calls the provincial one-stop systems use; anchors §C).
 */

/**
 * THE table from our statuses to the portal's `TrangThaiHoSo` codes. The statuses were named after the portal's own
 * list (Circular 01/2018, the national dossier status codes), so each maps to its code unchanged.
 */
export const PORTAL_STATUS: Readonly<Record<DossierStatus, number>> = STATUS_CODES;

/** Kênh thực hiện — 1 trực tiếp (at the counter), 2 trực tuyến (online, here or on the portal), 3 bưu chính. */
export const PORTAL_CHANNEL: Readonly<Record<Channel, number>> = { counter: 1, online: 2, dvcqg: 2, post: 3 };

/** Chức danh — the title the portal shows beside the person who handled a step. */
const TITLES: Record<Role | 'system', string> = {
  citizen: 'Người nộp hồ sơ',
  receiver: 'Cán bộ tiếp nhận',
  specialist: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo phê duyệt',
  admin: 'Quản trị hệ thống',
  operator: 'Vận hành hệ thống',
  integration: 'Hệ thống liên thông',
  portal: 'Cổng Dịch vụ công quốc gia',
  system: 'Hệ thống một cửa điện tử',
};

/** `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, as every portal time is written. */
export function portalTime(iso: string | number): string {
  const instant = typeof iso === 'number' ? iso : Date.parse(iso);
  return new Date(instant + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** One step of a dossier as `CapNhatTienDoHoSoMC` takes it. */
export interface PortalProgress {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: number;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

/** One supplement request (Form 02) in the dossier record, with the due date before it and the one after. */
export interface PortalSupplement {
  HoSoBoSungId: string;
  NguoiYeuCauBoSung: string;
  NoiDungBoSung: string;
  NgayBoSung: string;
  NgayTiepNhanBoSung: string;
  NgayHenTraTruoc: string;
  NgayHenTraMoi: string;
}

export interface PortalResultDocument {
  TenGiayTo: string;
  MaThanhPhanHoSo: string;
  GiayToId: string;
  DuongDanTepTinKetQua: string;
}

/** The dossier record as `DongBoHoSoMC` takes it (one element of its `data`). */
export interface PortalRecord {
  MaHoSo: string;
  /** The portal's own id of a dossier it handed over (absent for one submitted here or at a counter). */
  MaHoSoDVCQG?: string;
  MaTTHC: string;
  TenTTHC: string;
  MaCoQuanXuLy: string;
  KenhThucHien: number;
  ChuHoSo: string;
  SoGiayToChuHoSo: string;
  SoDienThoai?: string;
  Email?: string;
  DiaChi?: string;
  NgayNopHoSo: string;
  NgayTiepNhan?: string;
  NgayHenTra?: string;
  NgayKetThucXuLy?: string;
  NgayTra?: string;
  TrangThaiHoSo: number;
  DanhSachHoSoBoSung: PortalSupplement[];
  DanhSachGiayToKetQua: PortalResultDocument[];
}

/** Who is on the path: names of agencies, for `PhongBanXuLy`. */
export type AgencyNames = ReadonlyMap<string, string>;

const portalDue = (iso: string | null | undefined) => (iso ? portalTime(iso) : '');

/** What the step did, in Vietnamese: the legal action of a status change, or the step and decision that kept it. */
function contentOf(entry: HistoryEvent): string {
  const row = entry.fromStatus !== entry.toStatus ? transitionEffect(entry.fromStatus, entry.toStatus) : undefined;
  const what = row ? row.action.split(' — ')[0]! : `Xử lý bước ${entry.action.replace(':', ' — ')}`;
  return entry.note ? `${what}: ${entry.note}` : what;
}

/**
 * The processing steps of a dossier as the portal records them: each history entry, started where the previous one
 * ended, due when the step (or else the dossier) was due.
 */
export function progressOf(code: string, history: readonly HistoryEvent[], agencies: AgencyNames): PortalProgress[] {
  const ordered = [...history].sort((a, b) => a.seq - b.seq);
  return ordered.map((entry, index) => ({
    MaHoSo: code,
    NguoiXuLy: entry.role === 'system' ? 'Hệ thống' : entry.actor,
    ChucDanh: TITLES[entry.role],
    ThoiDiemXuLy: portalTime(entry.at),
    PhongBanXuLy: entry.agencyId ? (agencies.get(entry.agencyId) ?? entry.agencyId) : 'Cổng Dịch vụ công',
    NoiDungXuLy: contentOf(entry),
    TrangThai: PORTAL_STATUS[entry.toStatus],
    NgayBatDau: portalTime((ordered[index - 1] ?? entry).at),
    NgayKetThucTheoQuyDinh: portalDue(entry.stepDueAt ?? entry.dueAt),
  }));
}

/**
 * The dossier's record as it stood after the entry `upTo` of its history: its status and due date then; its result
 * and end only once it had them. Supplements carry the due date before the request and the one set when it was
 * answered (the clock restarts, or resumes, per the province's policy).
 */
export function recordOf(
  dossier: Dossier,
  history: readonly HistoryEvent[],
  upTo: number,
  nationalId: string | undefined,
): PortalRecord {
  const ordered = [...history].filter((h) => h.seq <= upTo).sort((a, b) => a.seq - b.seq);
  const last = ordered.at(-1);
  if (!last) throw new Error(`dossier ${dossier.code} has no history up to ${upTo}`);
  const status = last.toStatus;
  const finished = status === 'RESULT_READY' || status === 'DELIVERED';
  const requests = ordered.filter((h) => h.toStatus === 'SUPPLEMENT_REQUESTED' && h.fromStatus !== h.toStatus);
  const supplements = (dossier.supplements ?? []).slice(0, requests.length).map((s, i): PortalSupplement => {
    const request = requests[i]!;
    const before = ordered.filter((h) => h.seq < request.seq).at(-1);
    const answer = ordered.find((h) => h.seq > request.seq && h.fromStatus === 'SUPPLEMENT_REQUESTED');
    return {
      HoSoBoSungId: `${dossier.code}-BS${i + 1}`,
      NguoiYeuCauBoSung: s.requestedBy,
      NoiDungBoSung: s.note,
      NgayBoSung: portalTime(s.requestedAt),
      NgayTiepNhanBoSung: answer ? portalTime(answer.at) : '',
      NgayHenTraTruoc: portalDue(before?.dueAt),
      NgayHenTraMoi: answer && answer.toStatus !== 'REFUSED' ? portalDue(answer.dueAt) : '',
    };
  });
  const { applicant } = dossier;
  return {
    MaHoSo: dossier.code,
    ...(nationalId ? { MaHoSoDVCQG: nationalId } : {}),
    MaTTHC: dossier.procedureId,
    TenTTHC: dossier.procedureName,
    MaCoQuanXuLy: dossier.competentAgencyId,
    KenhThucHien: PORTAL_CHANNEL[dossier.channel],
    ChuHoSo: applicant.fullName,
    SoGiayToChuHoSo: applicant.idNumber,
    ...(applicant.phone ? { SoDienThoai: applicant.phone } : {}),
    ...(applicant.email ? { Email: applicant.email } : {}),
    ...(applicant.address ? { DiaChi: applicant.address } : {}),
    NgayNopHoSo: portalTime(dossier.submittedAt),
    ...(dossier.receivedAt && status !== 'SUBMITTED' ? { NgayTiepNhan: portalTime(dossier.receivedAt) } : {}),
    ...(last.dueAt ? { NgayHenTra: portalTime(last.dueAt) } : {}),
    ...(finished && dossier.finishedAt ? { NgayKetThucXuLy: portalTime(dossier.finishedAt) } : {}),
    ...(status === 'DELIVERED' && dossier.deliveredAt ? { NgayTra: portalTime(dossier.deliveredAt) } : {}),
    TrangThaiHoSo: PORTAL_STATUS[status],
    DanhSachHoSoBoSung: supplements,
    DanhSachGiayToKetQua:
      finished && dossier.result
        ? dossier.result.documents.map((d) => ({
            TenGiayTo: d.fileName,
            MaThanhPhanHoSo: d.componentCode,
            GiayToId: d.uploadId,
            // The API's link to the file: the portal's adapter reads it with its own token.
            DuongDanTepTinKetQua: `/dossiers/${dossier.code}/documents/${d.uploadId}`,
          }))
        : [],
  };
}

/** The record of a dossier the portal handed over and the province refused at intake: status 3, with the reason. */
export function refusalRecord(refusal: { nationalId: string; procedureCode: string; at: string; message: string }) {
  return {
    MaHoSo: refusal.nationalId,
    MaHoSoDVCQG: refusal.nationalId,
    MaTTHC: refusal.procedureCode,
    TrangThaiHoSo: PORTAL_STATUS.REFUSED,
    NgayTuChoi: portalTime(refusal.at),
    LyDoTuChoi: refusal.message,
  };
}

/**
 * Where a dossier's sync stands: the last history entry the portal holds, and while it is behind, whether the
 * reaction is still retrying (`pending`) or gave up (`failed`: the message went to the dead letters; an operator
 * re-sends).
 */
export interface SyncPlace {
  code: string;
  state: 'synced' | 'pending' | 'failed';
  /** The last history entry the portal acknowledged (0: nothing yet). */
  syncedSeq: number;
  /** The entry being sent when it failed. */
  wantedSeq?: number;
  attempts: number;
  lastError?: string;
  /** When it was last synced. */
  syncedAt?: string;
  /** The portal holds the dossier as received: counted once in the share synced (DOSSIER_SYNC). */
  counted?: boolean;
  updatedAt: string;
}

/** What a failed attempt leaves: still retrying, or failed for good after the queue's last delivery. */
export function failedAttempt(
  before: SyncPlace | undefined,
  code: string,
  wantedSeq: number,
  attempt: number,
  maxAttempts: number,
  error: string,
  now: string,
): SyncPlace {
  return {
    code,
    syncedSeq: before?.syncedSeq ?? 0,
    ...(before?.syncedAt ? { syncedAt: before.syncedAt } : {}),
    ...(before?.counted ? { counted: true } : {}),
    state: attempt >= maxAttempts ? 'failed' : 'pending',
    wantedSeq,
    attempts: attempt,
    lastError: error.slice(0, 300),
    updatedAt: now,
  };
}

/**
 * Counts in the share synced (DOSSIER_SYNC) once the portal holds the dossier's reception: every received dossier
 * passes through RECEIVED (a counter intake, or the desk accepting an online one); one refused or withdrawn at the
 * desk never does.
 */
export const receivedIn = (entries: readonly HistoryEvent[]) => entries.some((h) => h.toStatus === 'RECEIVED');

/** Mã hồ sơ trên Cổng DVCQG — what a portal dossier id looks like. */
export const NATIONAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{5,63}$/;
