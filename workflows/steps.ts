import { END } from './flow-schema';

/**
 * Bước dùng chung — the steps every one-stop flow shares, with their legal values said once. A decree that changes
 * the supplement window or what a lapse does is one edit here, and every flow follows. Flows name only what differs:
 * the step's wording, who the applicant is, where a decision leads.
 */

/** Thời hạn bổ sung — the applicant has 15 working days (8 h each) to supplement or complete a dossier. */
export const SUPPLEMENT_HOURS = 15 * 8;
/** The applicant has 30 working days to meet a financial obligation; after that the agency stops processing. */
export const PAYMENT_HOURS = 30 * 8;

/** Decisions with their legal consequences. */
export const decisions = {
  /** Từ chối — the dossier ends refused, with the reasons (Form 03). */
  refuse: { to: END, status: 'REFUSED', noteRequired: true },
  /** Yêu cầu bổ sung — once, listing everything missing (Form 02); the clock waits for the applicant. */
  requestSupplement: { to: 'supplement', status: 'SUPPLEMENT_REQUESTED', noteRequired: true },
  /** Fees, taxes or levies assessed for the result (e.g. land): status 6, the clock paused until proof of payment. */
  requestPayment: { to: 'payment', status: 'AWAITING_FINANCIAL_OBLIGATION', noteRequired: true },
  /** Phê duyệt — the result is signed and ready; the desk returns it. */
  approveResult: { to: 'delivery', status: 'RESULT_READY' },
} as const;

/**
 * Tiếp nhận — the one-stop desk checks the dossier: complete → RECEIVED (the clock starts; Form 01), incomplete →
 * one notice listing everything missing (no clock; Decree 61/2018 Art.17.2), not eligible → refused.
 */
export function receptionStep(options: { name: string; next: string; hours?: number; completion?: boolean }) {
  return {
    id: 'reception',
    name: options.name,
    role: 'receiver',
    agency: 'receiving',
    hours: options.hours ?? 4,
    decisions: {
      accept: { to: options.next, status: 'RECEIVED' },
      ...(options.completion === false ? {} : { request_completion: { to: 'completion', noteRequired: true } }),
      refuse: decisions.refuse,
    },
  } as const;
}

/** Hoàn thiện hồ sơ — the applicant completes the dossier at reception, or it ends refused when the time lapses. */
export function completionStep(options: { who: string; hours?: number }) {
  return {
    id: 'completion',
    name: `Chờ ${options.who} hoàn thiện hồ sơ`,
    kind: 'applicant',
    role: 'citizen',
    agency: 'receiving',
    hours: options.hours ?? SUPPLEMENT_HOURS,
    timeoutDecision: 'lapse',
    decisions: { supplement: { to: 'reception' }, lapse: { to: END, status: 'REFUSED' } },
  } as const;
}

/**
 * Bổ sung hồ sơ — the applicant supplements during processing: the dossier goes back to `back` IN_PROGRESS (the
 * clock restarts, or resumes where the province pauses it); a lapse ends it refused.
 */
export function supplementStep(options: { who: string; back: string }) {
  return {
    id: 'supplement',
    name: `Chờ ${options.who} bổ sung hồ sơ`,
    kind: 'applicant',
    role: 'citizen',
    agency: 'receiving',
    hours: SUPPLEMENT_HOURS,
    timeoutDecision: 'lapse',
    decisions: {
      supplement: { to: options.back, status: 'IN_PROGRESS' },
      lapse: { to: END, status: 'REFUSED' },
    },
  } as const;
}

/** Nghĩa vụ tài chính — the applicant pays and sends the proof; a lapse stops the processing (status 8). */
export function paymentStep(options: { name: string; next: string }) {
  return {
    id: 'payment',
    name: options.name,
    kind: 'applicant',
    role: 'citizen',
    agency: 'receiving',
    hours: PAYMENT_HOURS,
    timeoutDecision: 'lapse',
    decisions: {
      paid: { to: options.next, status: 'IN_PROGRESS' },
      lapse: { to: END, status: 'STOPPED' },
    },
  } as const;
}

/** Trả kết quả — the desk returns the result at the counter, by post or online. */
export function deliveryStep(options: { name?: string; hours?: number } = {}) {
  return {
    id: 'delivery',
    name: options.name ?? 'Trả kết quả',
    role: 'receiver',
    agency: 'receiving',
    hours: options.hours ?? 4,
    decisions: { deliver: { to: END, status: 'DELIVERED' } },
  } as const;
}
