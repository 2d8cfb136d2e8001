import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as composition from '../../functions/composition';
import type { Task } from '../../functions/domain/dossier';
import { renderOfficerNotice } from '../../functions/domain/notices';
import {
  DEFAULT_OFFICER_NOTICES,
  latestDigestSlot,
  pascOf,
  recipientOf,
  taskNoticesDue,
} from '../../functions/domain/officer-notices';
import { spokenTime } from '../../functions/domain/vietnam-time';
import { WorkingCalendar } from '../../functions/domain/working-calendar';
import { sweepOfficerNotices } from '../../functions/use-cases/officer-notices';
import { submitDossier } from '../../functions/use-cases/submit-dossier';
import type { InMemoryComposition } from '../support/in-memory-ports';
import { applicant, flowDriver, JUSTICE, PASC, receiver } from '../support/use-case-driver';

vi.mock('../../functions/composition', async () => (await import('../support/in-memory-ports')).inMemoryComposition());

const c = composition as unknown as InMemoryComposition;
const flow = flowDriver(c);
const at = (iso: string) => Date.parse(iso);
const calendar = new WorkingCalendar({
  sessions: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  saturdayMorning: false,
  holidays: ['2026-04-27'],
  compensatoryWorkingDays: [],
});

const task = (overrides: Partial<Task> = {}): Task => ({
  id: 'T1',
  dossierCode: 'H45.12-260302-0001',
  procedureId: '2.000488',
  stepId: 'appraisal',
  stepName: 'Thẩm định',
  role: 'specialist',
  agencyId: JUSTICE,
  openedAt: '2026-03-02T09:00:00+07:00',
  dueAt: '2026-03-09T09:00:00+07:00',
  overdue: false,
  state: 'OPEN',
  decisions: {},
  version: 2,
  ...overrides,
});

describe('when officers are told', () => {
  it('takes the latest digest time of a working day, skipping weekends and holidays', () => {
    const slots = ['13:30', '08:00'];
    expect(latestDigestSlot(at('2026-03-02T13:29:00+07:00'), calendar, slots)).toBe(at('2026-03-02T08:00:00+07:00'));
    expect(latestDigestSlot(at('2026-03-02T13:30:00+07:00'), calendar, slots)).toBe(at('2026-03-02T13:30:00+07:00'));
    // Monday 07:30: the last one was Friday afternoon.
    expect(latestDigestSlot(at('2026-03-02T07:30:00+07:00'), calendar, slots)).toBe(at('2026-02-27T13:30:00+07:00'));
    // Tuesday 28/04 07:00, Monday 27/04 a holiday: Friday 24/04.
    expect(latestDigestSlot(at('2026-04-28T07:00:00+07:00'), calendar, slots)).toBe(at('2026-04-24T13:30:00+07:00'));
    expect(latestDigestSlot(at('2026-03-02T13:30:00+07:00'), calendar, [])).toBeUndefined();
  });

  it('warns once when a task comes within a working day of its due time, not a task opened inside it', () => {
    const s = DEFAULT_OFFICER_NOTICES;
    // Friday 08:45 → Monday 09:00 is 8 h 15 of working time; 09:15 is 7 h 45.
    expect(taskNoticesDue(task(), at('2026-03-06T08:45:00+07:00'), undefined, calendar, s)).toEqual([]);
    expect(
      taskNoticesDue(task(), at('2026-03-06T09:15:00+07:00'), at('2026-03-06T08:45:00+07:00'), calendar, s),
    ).toEqual(['due-soon']);
    // The next sweep: it was already within the window at the previous one.
    expect(
      taskNoticesDue(task(), at('2026-03-06T09:30:00+07:00'), at('2026-03-06T09:15:00+07:00'), calendar, s),
    ).toEqual([]);
    // A sweep that missed the moment (the previous ran on Wednesday) still warns.
    expect(
      taskNoticesDue(task(), at('2026-03-06T16:00:00+07:00'), at('2026-03-04T10:00:00+07:00'), calendar, s),
    ).toEqual(['due-soon']);
    const short = task({ openedAt: '2026-03-06T10:00:00+07:00' });
    expect(
      taskNoticesDue(short, at('2026-03-06T10:15:00+07:00'), at('2026-03-06T10:00:00+07:00'), calendar, s),
    ).toEqual([]);
    expect(taskNoticesDue(task({ overdue: true }), at('2026-03-06T09:15:00+07:00'), undefined, calendar, s)).toEqual(
      [],
    );
    expect(
      taskNoticesDue(task(), at('2026-03-06T09:15:00+07:00'), undefined, calendar, { ...s, dueSoonWorkingDays: 0 }),
    ).toEqual([]);
  });

  it('escalates once two working days after the due time', () => {
    const s = DEFAULT_OFFICER_NOTICES;
    const overdue = task({ overdue: true });
    // Monday 09:00 → Wednesday 08:45 is 15 h 45 of working time; 09:15 is 16 h 15.
    expect(
      taskNoticesDue(overdue, at('2026-03-11T08:45:00+07:00'), at('2026-03-11T08:30:00+07:00'), calendar, s),
    ).toEqual([]);
    expect(
      taskNoticesDue(overdue, at('2026-03-11T09:15:00+07:00'), at('2026-03-11T08:45:00+07:00'), calendar, s),
    ).toEqual(['escalated']);
    expect(
      taskNoticesDue(overdue, at('2026-03-11T09:30:00+07:00'), at('2026-03-11T09:15:00+07:00'), calendar, s),
    ).toEqual([]);
    expect(
      taskNoticesDue({ ...overdue, state: 'DECIDED' }, at('2026-03-11T09:15:00+07:00'), undefined, calendar, s),
    ).toEqual([]);
  });

  it('sends each kind to its reader: mailbox, the agency leader, the PASC leader', async () => {
    const agencies = (await c.catalogue.province()).agencies;
    const notice = { agencyId: JUSTICE, at: '2026-03-02T13:30:00+07:00', tasks: [] };
    expect(recipientOf({ ...notice, kind: 'inbox-digest' }, agencies)).toBe('motcua.stp@phutho.gov.vn');
    expect(recipientOf({ ...notice, kind: 'due-soon' }, agencies)).toBe('motcua.stp@phutho.gov.vn');
    expect(recipientOf({ ...notice, kind: 'overdue' }, agencies)).toBe('giamdoc.stp@phutho.gov.vn');
    expect(recipientOf({ ...notice, kind: 'escalated' }, agencies)).toBe('giamdoc.ttphvhcc@phutho.gov.vn');
    expect(pascOf(JUSTICE, agencies)?.id).toBe(PASC);
    // An agency without a leader's address: its overdue notices go to its mailbox; without either, to no one.
    const finance = '000.00.06.H45';
    expect(recipientOf({ ...notice, agencyId: finance, kind: 'overdue' }, agencies)).toBe('motcua.stc@phutho.gov.vn');
    expect(recipientOf({ ...notice, agencyId: '000.00.15.H45', kind: 'overdue' }, agencies)).toBeUndefined();
  });

  it('writes in Vietnamese with times spoken, one line per task', () => {
    const mail = renderOfficerNotice(
      {
        kind: 'inbox-digest',
        agencyId: JUSTICE,
        at: '2026-03-02T13:30:00+07:00',
        tasks: [task(), task({ id: 'T2' })].map((t) => ({
          taskId: t.id,
          dossierCode: t.dossierCode,
          stepName: t.stepName,
          role: t.role,
          openedAt: t.openedAt,
          dueAt: t.dueAt,
        })),
      },
      { province: 'Tỉnh Phú Thọ', agency: 'Sở Tư pháp', pasc: 'Trung tâm', days: 1, time: spokenTime },
    );
    expect(mail.subject).toBe('[Tỉnh Phú Thọ] 2 công việc mới tại Sở Tư pháp');
    expect(mail.body.split('\n').filter((line) => line.startsWith('- Hồ sơ'))).toEqual([
      '- Hồ sơ H45.12-260302-0001: Thẩm định (chuyên viên xử lý), nhận lúc 09:00 ngày 02/03/2026, hạn 09:00 ngày 09/03/2026',
      '- Hồ sơ H45.12-260302-0001: Thẩm định (chuyên viên xử lý), nhận lúc 09:00 ngày 02/03/2026, hạn 09:00 ngày 09/03/2026',
    ]);
    expect(mail.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});

describe('the officer-notice sweep', () => {
  beforeEach(() => c.reset());

  it('digests what reached an inbox since the last digest time, once, and nothing for an empty inbox', async () => {
    c.clock.now = () => at('2026-03-02T09:00:00+07:00');
    const { dossier } = await submitDossier(
      receiver,
      {
        procedureId: '2.000488',
        applicant,
        documents: [
          { componentCode: 'TO_KHAI', uploadId: await flow.upload(receiver) },
          { componentCode: 'CCCD', uploadId: await flow.upload(receiver) },
        ],
      },
      'desk-sweep-0001',
    );
    await flow.open(dossier.code, 'appraisal');

    // 09:05: the morning's digest time (08:00) came before the task: nothing to send.
    c.clock.now = () => at('2026-03-02T09:05:00+07:00');
    expect(await sweepOfficerNotices()).toEqual({ digests: 0, dueSoon: 0, escalated: 0 });
    c.clock.now = () => at('2026-03-02T13:45:00+07:00');
    expect(await sweepOfficerNotices()).toEqual({ digests: 1, dueSoon: 0, escalated: 0 });
    expect(c.dossiers.notices).toEqual([
      expect.objectContaining({
        kind: 'inbox-digest',
        agencyId: JUSTICE,
        at: '2026-03-02T13:30:00+07:00',
        tasks: [expect.objectContaining({ dossierCode: dossier.code })],
      }),
    ]);
    // Again at the same time, and at the next digest time: nothing new.
    expect(await sweepOfficerNotices()).toEqual({ digests: 0, dueSoon: 0, escalated: 0 });
    c.clock.now = () => at('2026-03-03T08:15:00+07:00');
    expect(await sweepOfficerNotices()).toEqual({ digests: 0, dueSoon: 0, escalated: 0 });
    expect(c.dossiers.notices).toHaveLength(1);
  });
});
