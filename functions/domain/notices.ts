import type { Role } from './dossier';
import { decisionOf, type NotifyingDecision } from './lifecycle/transitions';
import vi from './notices/vi.json';
import type { OfficerNotice, OfficerNoticeKind } from './officer-notices';
import type { DossierStatus } from './status';

/**
 * Thông báo cho người nộp hồ sơ — what a status change tells the applicant, from templates that are data: one file
 * per language (`functions/domain/notices/vi.json`), which the province reviews and edits without touching code.
 * `{name}` is a fact of the change; an e-mail line whose facts are all empty is left out (no "Hẹn trả: ." line for a
 * dossier without a due date).
 */
export interface NoticeTemplates {
  language: string;
  subject: string;
  email: string[];
  sms: string;
  statuses: Record<DossierStatus, { status: string; next: string }>;
  /** The words of the decisions that keep the status and are told (NOTIFYING_DECISIONS). */
  actions: Record<NotifyingDecision, { status: string; next: string }>;
  handlers: Record<Role | 'system', string>;
  /** What officers hear of their work (`functions/domain/officer-notices.ts`): one subject and opening per kind. */
  officers: Record<OfficerNoticeKind, { subject: string; intro: string }>;
  officerLine: string;
  officerClosing: string;
}

/** Checked by the compiler: a template file lacking a status, an action's words or a role's title does not build. */
const VI: NoticeTemplates = vi;
export const NOTICE_TEMPLATES = { vi: VI };

/** The facts of one change, already in words (agency names, times written `09:15 ngày 02/03/2026`). */
export interface NoticeFacts {
  province: string;
  code: string;
  procedure: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  action: string;
  role: Role | 'system';
  at: string;
  receivingAgency: string;
  handlingAgency: string;
  receivedAt?: string | undefined;
  dueAt?: string | undefined;
  finishedAt?: string | undefined;
  note?: string | null | undefined;
  lookupUrl?: string | undefined;
}

export interface Notice {
  subject: string;
  body: string;
  /** One SMS segment: at most 160 GSM-7 characters (see `smsText`). */
  sms: string;
}

export const SMS_MAX = 160;

function fill(template: string, values: Record<string, string | undefined>) {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

/** Only placeholders that are facts: a line whose facts are all empty is dropped. */
const hasFacts = (line: string, values: Record<string, string | undefined>) => {
  const names = [...line.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return names.length === 0 || names.some((name) => Boolean(values[name]));
};

/** The words a notice gives a change: its decision's when it kept the status, else the new status's. */
export function noticeWords(
  event: { fromStatus: DossierStatus | null; toStatus: DossierStatus; action: string },
  templates: NoticeTemplates = NOTICE_TEMPLATES.vi,
) {
  const decision = event.fromStatus === event.toStatus ? decisionOf(event.action) : '';
  return templates.actions[decision as NotifyingDecision] ?? templates.statuses[event.toStatus];
}

export function renderNotice(facts: NoticeFacts, templates: NoticeTemplates = NOTICE_TEMPLATES.vi): Notice {
  const words = noticeWords(facts, templates);
  const values: Record<string, string | undefined> = {
    province: facts.province,
    code: facts.code,
    procedure: facts.procedure,
    status: words.status,
    next: words.next,
    handler: templates.handlers[facts.role],
    at: facts.at,
    receivingAgency: facts.receivingAgency,
    handlingAgency: facts.handlingAgency,
    receivedAt: facts.receivedAt,
    dueAt: facts.dueAt,
    finishedAt: facts.finishedAt,
    note: facts.note ?? undefined,
    lookupUrl: facts.lookupUrl,
  };
  const body = templates.email
    .filter((line) => hasFacts(line, values))
    .map((line) => fill(line, values))
    .join('\n');
  return { subject: fill(templates.subject, values), body, sms: smsText(templates.sms, values) };
}

/** The facts of an officer notice in words: agency names, the days it counts, times already spoken. */
export interface OfficerNoticeFacts {
  province: string;
  agency: string;
  pasc: string;
  days: number;
  time: (iso: string) => string;
}

/** One mail to officers: the kind's opening, then one line per task (a digest lists many, the others one). */
export function renderOfficerNotice(
  notice: OfficerNotice,
  facts: OfficerNoticeFacts,
  templates: NoticeTemplates = NOTICE_TEMPLATES.vi,
): { subject: string; body: string } {
  const words = templates.officers[notice.kind];
  const first = notice.tasks[0];
  const values: Record<string, string | undefined> = {
    province: facts.province,
    agency: facts.agency,
    pasc: facts.pasc,
    days: String(facts.days),
    count: String(notice.tasks.length),
    code: first?.dossierCode,
    step: first?.stepName,
  };
  const lines = notice.tasks.map((task) =>
    fill(templates.officerLine, {
      code: task.dossierCode,
      step: task.stepName,
      handler: templates.handlers[task.role],
      openedAt: facts.time(task.openedAt),
      dueAt: facts.time(task.dueAt),
    }),
  );
  const body = [fill(words.intro, values), '', ...lines, '', fill(templates.officerClosing, values)].join('\n');
  return { subject: fill(words.subject, values), body };
}

/** Vietnamese without its diacritics (`Đã trả kết quả` → `Da tra ket qua`). */
export function withoutDiacritics(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Characters of the GSM 03.38 basic set that plain text uses (each one septet; no extension-table escapes). */
const GSM7_PLAIN = /[^A-Za-z0-9 @$!"#%&'()*+,\-./:;<=>?_\n]/g;

/**
 * Một tin nhắn — one SMS segment. Written without diacritics in GSM-7, so a segment holds 160 characters; with
 * diacritics a message must be UCS-2, whose single segment holds 70, too few for the code, the status and the lookup
 * link. What does not fit goes in this order: the next step, the province's name, then the status words are cut;
 * the code and the link always stay (the province's link is at most 90 characters: infra/province/schema.ts).
 */
export function smsText(template: string, values: Record<string, string | undefined>) {
  const plain = (v: Record<string, string | undefined>) =>
    withoutDiacritics(fill(template, v)).replace(GSM7_PLAIN, ' ').replace(/ {2,}/g, ' ').trim();
  let text = plain(values);
  for (const dropped of [{ next: '' }, { next: '', province: '' }]) {
    if (text.length <= SMS_MAX) return text;
    text = plain({ ...values, ...dropped });
  }
  if (text.length <= SMS_MAX) return text;
  const status = withoutDiacritics(values.status ?? '');
  const cut = status.slice(0, Math.max(0, status.length - (text.length - SMS_MAX)));
  return plain({ ...values, next: '', province: '', status: cut });
}
