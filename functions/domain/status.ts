/** Trạng thái hồ sơ — dossier status, with the code the national portal (DVCQG) knows. */
export const STATUS_CODES = {
  SUBMITTED: 1,
  RECEIVED: 2,
  REFUSED: 3,
  IN_PROGRESS: 4,
  SUPPLEMENT_REQUESTED: 5,
  AWAITING_FINANCIAL_OBLIGATION: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  RESULT_READY: 9,
  DELIVERED: 10,
} as const;

export type DossierStatus = keyof typeof STATUS_CODES;
export const DOSSIER_STATUSES = Object.keys(STATUS_CODES) as [DossierStatus, ...DossierStatus[]];

/** Statuses after which nothing moves the dossier any more. */
export const TERMINAL_STATUSES: ReadonlySet<DossierStatus> = new Set(['REFUSED', 'WITHDRAWN', 'STOPPED', 'DELIVERED']);

/** Vietnamese labels shown to applicants (Circular 01/2018 status names). */
export const STATUS_LABELS: Record<DossierStatus, string> = {
  SUBMITTED: 'Mới đăng ký',
  RECEIVED: 'Được tiếp nhận',
  REFUSED: 'Không được tiếp nhận',
  IN_PROGRESS: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung giấy tờ',
  AWAITING_FINANCIAL_OBLIGATION: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  WITHDRAWN: 'Công dân yêu cầu rút hồ sơ',
  STOPPED: 'Dừng xử lý',
  RESULT_READY: 'Đã xử lý xong',
  DELIVERED: 'Đã trả kết quả',
};
