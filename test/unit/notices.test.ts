import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noticeContacts, notifyChannels } from '../../functions/domain/dossier';
import { NOTIFYING_DECISIONS } from '../../functions/domain/lifecycle/transitions';
import { NOTICE_TEMPLATES, type NoticeFacts, renderNotice, SMS_MAX } from '../../functions/domain/notices';
import { DOSSIER_STATUSES } from '../../functions/domain/status';

const facts: NoticeFacts = {
  province: 'Tỉnh Phú Thọ',
  code: '000.00.01.H45-260302-0001',
  procedure: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
  fromStatus: 'SUBMITTED',
  toStatus: 'RECEIVED',
  action: 'reception:accept',
  role: 'receiver',
  at: '09:15 ngày 02/03/2026',
  receivingAgency: 'Trung tâm Phục vụ hành chính công tỉnh',
  handlingAgency: 'Sở Tư pháp',
  receivedAt: '09:15 ngày 02/03/2026',
  dueAt: '17:00 ngày 16/03/2026',
  lookupUrl: 'https://dichvucong.phutho.gov.vn/tra-cuu?ma=000.00.01.H45-260302-0001',
};
/** The GSM 03.38 basic characters plain text uses: one septet each, no escapes. */
const GSM7 = /^[A-Za-z0-9 @$!"#%&'()*+,\-./:;<=>?_\n]*$/;

describe('notices from the templates (functions/domain/notices/vi.json)', () => {
  it('writes the e-mail in Vietnamese with times as people read them, the next step and the lookup link', () => {
    const notice = renderNotice(facts);
    expect(notice.subject).toBe('[Tỉnh Phú Thọ] Hồ sơ 000.00.01.H45-260302-0001: Được tiếp nhận');
    expect(notice.body).toContain('Hẹn trả kết quả: 17:00 ngày 16/03/2026.');
    expect(notice.body).toContain('Đơn vị xử lý: Sở Tư pháp (cán bộ tiếp nhận).');
    expect(notice.body).toContain('Việc cần làm tiếp theo: Hồ sơ đã được tiếp nhận');
    expect(notice.body).toContain(`Tra cứu tiến độ hồ sơ: ${facts.lookupUrl}`);
    expect(notice.body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(notice.body).not.toContain('{');
  });

  it('leaves out the lines of facts a change does not have', () => {
    const { dueAt: _due, receivedAt: _received, ...submitted } = facts;
    const notice = renderNotice({
      ...submitted,
      fromStatus: null,
      toStatus: 'SUBMITTED',
      action: 'submit',
      role: 'citizen',
    });
    expect(notice.body).not.toContain('Hẹn trả kết quả');
    expect(notice.body).not.toContain('Ngày tiếp nhận');
    expect(notice.body).not.toContain('Ghi chú');
  });

  it('has words for every status and for every decision told while the status stays', () => {
    for (const status of DOSSIER_STATUSES) {
      const notice = renderNotice({ ...facts, toStatus: status, action: 'any' });
      expect(notice.subject.endsWith(NOTICE_TEMPLATES.vi.statuses[status].status)).toBe(true);
    }
    const kept = (action: string) =>
      renderNotice({ ...facts, fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', action }).subject;
    expect(kept('extend')).toContain('hẹn lại');
    expect(kept('appraisal:forward')).toContain('Chuyển cơ quan có thẩm quyền');
    for (const decision of NOTIFYING_DECISIONS) {
      expect(kept(`step:${decision}`).endsWith(NOTICE_TEMPLATES.vi.actions[decision].status)).toBe(true);
    }
    // A status change names its new status, whatever its decision is called.
    expect(renderNotice({ ...facts, action: 'reception:forward' }).subject).toContain('Được tiếp nhận');
  });

  it('fits every SMS in one GSM-7 segment without diacritics, keeping the code and the link', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOSSIER_STATUSES),
        fc.constantFrom('any', ...NOTIFYING_DECISIONS),
        fc.string({ maxLength: 300 }),
        fc.string({ minLength: 0, maxLength: 200 }),
        (status, decision, note, province) => {
          const sms = renderNotice({
            ...facts,
            fromStatus: status,
            toStatus: status,
            action: decision,
            note,
            province,
          }).sms;
          expect(sms.length).toBeLessThanOrEqual(SMS_MAX);
          expect(sms).toMatch(GSM7);
          expect(sms).toContain(facts.code);
          expect(sms).toContain(facts.lookupUrl);
        },
      ),
    );
    expect(renderNotice(facts).sms).toContain('Duoc tiep nhan');
    // The longest province name and status still leave the code and the link whole.
    const long = renderNotice({
      ...facts,
      province: 'Ủy ban nhân dân '.repeat(12),
      toStatus: 'AWAITING_FINANCIAL_OBLIGATION',
    });
    expect(long.sms.length).toBeLessThanOrEqual(SMS_MAX);
    expect(long.sms).toContain(facts.lookupUrl);
  });

  it('sends on the channels the applicant has a contact for, unless turned off', () => {
    expect(notifyChannels({ phone: '0912345678' })).toEqual({ email: false, sms: true });
    expect(notifyChannels({ phone: '0912345678', email: 'a@b.vn' }, { email: false })).toEqual({
      email: false,
      sms: true,
    });
    const applicant = { phone: '0912345678', email: 'a@b.vn' };
    expect(noticeContacts({ applicant: applicant as never, notify: { email: true, sms: false } })).toEqual({
      email: 'a@b.vn',
    });
    // A dossier from before the choice existed: every contact.
    expect(noticeContacts({ applicant: applicant as never })).toEqual({ email: 'a@b.vn', phone: '0912345678' });
  });
});
