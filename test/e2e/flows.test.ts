import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import {
  AGRI_ENV,
  CONSTRUCTION,
  FINANCE,
  HA_HOA_POLICE,
  HEALTH,
  HOME_AFFAIRS,
  LAND_OFFICE,
  PASC,
  POLICE,
  SOCIAL_INSURANCE,
  TAX,
  VIET_TRI,
  VINH_YEN,
} from '../support/agencies';
import { applicantNotices } from '../support/events';
import { apiClient } from '../support/http';

/**
 * Every flow of the catalogue end to end on the local ASL engine, over HTTP, with each branch: return, forward to
 * another level or a chosen agency, a parallel step with one late answer, and the tax authority's timeout.
 */

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(() => runtime?.close());

const at = (now: string) => api.call('POST', '/local/clock', { body: { now, frozen: true } });
const officer = (name: string, role: string, agencyId: string) => api.login(name, role, agencyId);

async function submit(
  citizen: string,
  procedureId: string,
  components: string[],
  extra: Record<string, unknown> = {},
  applicant: Record<string, unknown> = {},
) {
  const tag = Math.random().toString(36).slice(2);
  const documents = [];
  for (const code of components)
    documents.push({ componentCode: code, uploadId: (await api.upload(citizen, `${code}.pdf`, '%PDF')).uploadId });
  const created = await api.call('POST', '/dossiers', {
    token: citizen,
    body: {
      procedureId,
      applicant: { fullName: 'Hoàng Thị Mai', idNumber: '025190002468', email: `mai.${tag}@example.vn`, ...applicant },
      documents,
      ...extra,
    },
    headers: { 'idempotency-key': `flows-${procedureId}-${tag}` },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.code as string;
}

async function dossier(token: string, code: string, until: (d: any) => boolean, what: string) {
  return (
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token }),
      (r) => until(r.body),
      what,
    )
  ).body;
}

const step = (token: string, code: string, stepId: string) => api.taskOf(token, code, stepId);

/** The applicant heard of exactly the status changes the transition table promises, in order, each once. */
async function expectPromisedNotices(token: string, code: string) {
  const { sent, promised } = await applicantNotices(runtime, api, token, code);
  expect(sent).toEqual(promised);
  expect(promised).toEqual(expect.arrayContaining(['Mới đăng ký', 'Được tiếp nhận', 'Đã trả kết quả']));
}

describe('flows on the local Step Functions engine', () => {
  it('same-day civil status: a birth registered, returned once by the leader, signed and delivered the same day', async () => {
    const citizen = await api.login('mai', 'citizen');
    const desk = await officer('desk-vy', 'receiver', VINH_YEN);
    const clerk = await officer('clerk-vy', 'specialist', VINH_YEN);
    const chair = await officer('chair-vy', 'leader', VINH_YEN);
    await at('2026-03-03T08:00:00+07:00');
    const code = await submit(citizen, '1.001193', ['TO_KHAI', 'CHUNG_SINH'], { receivingAgencyId: VINH_YEN });
    await api.decide(desk, await step(desk, code, 'reception'), { decision: 'accept' });
    const received = await dossier(citizen, code, (d) => d.status === 'IN_PROGRESS', 'in progress');
    expect(received.dueAt).toBe('2026-03-03T17:00:00+07:00');
    expect(received.competentAgencyId).toBe(VINH_YEN);
    expect(received).toMatchObject({ flowId: 'same-day-civil-status', flowVersion: 1 });
    await api.decide(clerk, await step(clerk, code, 'recording'), { decision: 'propose' });
    await api.decide(chair, await step(chair, code, 'signing'), {
      decision: 'return',
      note: 'Ghi lại nơi sinh theo giấy chứng sinh',
    });
    await api.decide(clerk, await step(clerk, code, 'recording'), { decision: 'propose' });
    await api.decide(chair, await step(chair, code, 'signing'), { decision: 'approve', resultNumber: '12/2026/KS' });
    await api.decide(desk, await step(desk, code, 'delivery'), { decision: 'deliver' });
    const done = await dossier(citizen, code, (d) => d.status === 'DELIVERED', 'delivered');
    expect(done.timeliness).toBe('on_time');
    expect(done.history.map((h: any) => h.action)).toEqual(
      expect.arrayContaining(['signing:return', 'recording:propose', 'signing:approve', 'delivery:deliver']),
    );
    await expectPromisedNotices(citizen, code);
  });

  it('commune → province: forwarded up by the commune leader, returned to the commune, then decided by the department', async () => {
    const citizen = await api.login('lan-ncc', 'citizen');
    const desk = await officer('desk-vt', 'receiver', VIET_TRI);
    const clerk = await officer('clerk-vt', 'specialist', VIET_TRI);
    const chair = await officer('chair-vt', 'leader', VIET_TRI);
    const expert = await officer('expert-snv', 'specialist', HOME_AFFAIRS);
    const director = await officer('director-snv', 'leader', HOME_AFFAIRS);
    await at('2026-03-09T08:00:00+07:00');
    const code = await submit(citizen, '1.010803', ['DON'], { receivingAgencyId: VIET_TRI });
    await api.decide(desk, await step(desk, code, 'reception'), { decision: 'accept' });
    await api.decide(clerk, await step(clerk, code, 'verification'), { decision: 'propose' });
    // Before it is forwarded, the department cannot read the dossier.
    expect((await api.call('GET', `/dossiers/${code}`, { token: expert })).status).toBe(404);
    await api.decide(chair, await step(chair, code, 'commune_approval'), { decision: 'forward' });
    const appraisal = await step(expert, code, 'province_appraisal');
    expect(appraisal.agencyId).toBe(HOME_AFFAIRS);
    await api.decide(expert, appraisal, {
      decision: 'return_to_commune',
      note: 'Bổ sung biên bản họp gia đình thân nhân liệt sĩ',
    });
    await api.decide(clerk, await step(clerk, code, 'verification'), { decision: 'propose' });
    await api.decide(chair, await step(chair, code, 'commune_approval'), { decision: 'forward' });
    await api.decide(expert, await step(expert, code, 'province_appraisal'), { decision: 'approve' });
    await api.decide(director, await step(director, code, 'province_approval'), {
      decision: 'approve',
      resultNumber: '345/QĐ-SNV',
    });
    await api.decide(desk, await step(desk, code, 'delivery'), { decision: 'deliver' });
    const done = await dossier(citizen, code, (d) => d.status === 'DELIVERED', 'delivered');
    expect(done.result.number).toBe('345/QĐ-SNV');
    expect(done.history.filter((h: any) => h.action === 'commune_approval:forward')).toHaveLength(2);
    expect(done.history.find((h: any) => h.action === 'province_appraisal:return_to_commune')).toMatchObject({
      agencyId: HOME_AFFAIRS,
      note: 'Bổ sung biên bản họp gia đình thân nhân liệt sĩ',
    });
    await expectPromisedNotices(citizen, code);
  });

  it('parallel consultation: two departments answer, the police lapses and is recorded late, then a forward to a chosen agency', async () => {
    const investor = await api.login('investor', 'citizen');
    const desk = await officer('desk-pasc', 'receiver', PASC);
    const expert = await officer('expert-stc', 'specialist', FINANCE);
    const director = await officer('director-stc', 'leader', FINANCE);
    const construction = await officer('sxd', 'specialist', CONSTRUCTION);
    const environment = await officer('snnmt', 'specialist', AGRI_ENV);
    const police = await officer('cat', 'specialist', POLICE);
    const health = await officer('syt', 'specialist', HEALTH);
    await at('2026-04-06T08:00:00+07:00');
    const code = await submit(investor, '1.009645', ['VAN_BAN_DE_NGHI', 'DE_XUAT', 'NANG_LUC']);
    await api.decide(desk, await step(desk, code, 'reception'), { decision: 'accept' });
    await api.decide(expert, await step(expert, code, 'appraisal'), { decision: 'consult' });

    const asked = await Promise.all([
      step(construction, code, 'opinion_construction'),
      step(environment, code, 'opinion_environment'),
      step(police, code, 'opinion_security'),
    ]);
    // Each agency has its own deadline: 88 working hours from the request.
    for (const task of asked) expect(task.dueAt).toBe('2026-04-21T08:00:00+07:00');
    expect(asked[0].allowedDecisions).toEqual(['agree', 'object']);
    const objection = await api.call('POST', `/tasks/${asked[1].id}/decision`, {
      token: environment,
      body: { decision: 'object' },
    });
    expect(objection.body.error?.code).toBe('NOTE_REQUIRED');
    await api.decide(construction, asked[0], { decision: 'agree' });
    await api.decide(environment, asked[1], { decision: 'object', note: 'Cần đánh giá tác động môi trường' });
    // The consultation waits for the police...
    await at('2026-04-20T16:00:00+07:00');
    const waiting = await dossier(expert, code, (d) => d.parallelAnswers.length === 2, 'two answers');
    expect(waiting.currentStepId).toBe('consultation');
    // ...until its deadline lapses: the flow goes on, the police recorded late.
    await at('2026-04-21T09:00:00+07:00');
    const synthesis = await step(expert, code, 'synthesis');
    const after = await dossier(expert, code, (d) => d.currentStepId === 'synthesis', 'synthesis');
    expect(after.parallelAnswers.map((a: any) => [a.stepId, a.agencyId, a.decision, a.late]).sort()).toEqual([
      ['opinion_construction', CONSTRUCTION, 'agree', false],
      ['opinion_environment', AGRI_ENV, 'object', false],
      ['opinion_security', POLICE, 'no_answer', true],
    ]);
    expect(after.history.find((h: any) => h.action === 'consultation:done').note).toContain(POLICE);
    expect((await api.call('GET', '/tasks', { token: police })).body.items).toEqual([]);
    // A branch that lapsed unanswered is late wherever a step's timeliness is shown: the applicant's lookup and Form 05.
    const traced = await api.call('GET', `/lookup/${code}?idNumber=025190002468`);
    const slip = await api.call('GET', `/dossiers/${code}/forms/05`, { token: expert });
    const onTime = (steps: any[], key: string) =>
      Object.fromEntries(steps.filter((s) => s[key].startsWith('Ý kiến')).map((s) => [s[key], s.onTime]));
    expect(onTime(traced.body.steps, 'name')).toEqual(onTime(slip.body.steps, 'step'));
    expect(Object.values(onTime(traced.body.steps, 'name')).sort()).toEqual([false, true, true]);

    // Forwarding needs an agency of an allowed kind, never a commune nor the forwarding agency itself.
    for (const [body, code_] of [
      [{ decision: 'forward' }, 'AGENCY_REQUIRED'],
      [{ decision: 'forward', agencyId: VIET_TRI }, 'AGENCY_NOT_ALLOWED'],
      [{ decision: 'forward', agencyId: FINANCE }, 'AGENCY_NOT_ALLOWED'],
    ] as const) {
      const refused = await api.call('POST', `/tasks/${synthesis.id}/decision`, { token: expert, body });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe(code_);
    }
    await api.decide(expert, synthesis, { decision: 'forward', agencyId: HEALTH });
    const opinion = await step(health, code, 'forwarded_opinion');
    expect(opinion.agencyId).toBe(HEALTH);
    await api.decide(health, opinion, { decision: 'answer', note: 'Không ảnh hưởng cơ sở y tế lân cận' });
    await api.decide(expert, await step(expert, code, 'synthesis'), { decision: 'propose' });
    await api.decide(director, await step(director, code, 'approval'), {
      decision: 'approve',
      resultNumber: '88/QĐ-UBND',
    });
    await api.decide(desk, await step(desk, code, 'delivery'), { decision: 'deliver' });
    const done = await dossier(investor, code, (d) => d.status === 'DELIVERED', 'delivered');
    expect(done.forwardedTo).toBe(HEALTH);
    await expectPromisedNotices(investor, code);
  });

  it('land and tax: the tax authority lapses, the office follows up, the notice comes, the applicant pays (status 6)', async () => {
    const owner = await api.login('owner', 'citizen');
    const desk = await officer('desk-pasc-2', 'receiver', PASC);
    const surveyor = await officer('vpdk', 'specialist', LAND_OFFICE);
    const head = await officer('vpdk-head', 'leader', LAND_OFFICE);
    const taxSystem = await officer('tax-system', 'integration', TAX);
    const otherSystem = await officer('bhxh-system', 'integration', SOCIAL_INSURANCE);
    await at('2026-05-04T08:00:00+07:00');
    const code = await submit(owner, '1.013831', ['DON', 'HOP_DONG', 'GCN']);
    await api.decide(desk, await step(desk, code, 'reception'), { decision: 'accept' });
    await api.decide(surveyor, await step(surveyor, code, 'appraisal'), { decision: 'send_to_tax' });
    const first = await step(taxSystem, code, 'tax_assessment');
    expect(first).toMatchObject({ role: 'integration', agencyId: TAX, allowedDecisions: ['notice', 'exempt'] });
    // The tax system reads the dossier it was sent; another agency's system neither reads nor decides it.
    expect((await api.call('GET', `/dossiers/${code}`, { token: taxSystem })).status).toBe(200);
    expect((await api.call('GET', `/dossiers/${code}`, { token: otherSystem })).status).toBe(404);
    const foreign = await api.call('POST', `/tasks/${first.id}/decision`, {
      token: otherSystem,
      body: { decision: 'notice', note: 'x'.repeat(10) },
    });
    expect(foreign.status).toBe(403);
    const systemOnly = await api.call('POST', `/tasks/${first.id}/decision`, {
      token: taxSystem,
      body: { decision: 'no_notice' },
    });
    expect(systemOnly.body.error?.code).toBe('DECISION_NOT_ALLOWED');

    // Five working days without a notice: the office is asked to follow up.
    await at('2026-05-12T09:00:00+07:00');
    const followUp = await step(surveyor, code, 'tax_follow_up');
    const lapsed = await dossier(surveyor, code, (d) => d.currentStepId === 'tax_follow_up', 'follow-up');
    expect(lapsed.history.find((h: any) => h.action === 'tax_assessment:no_notice')).toMatchObject({
      actor: 'system',
      agencyId: TAX,
    });
    await api.decide(surveyor, followUp, { decision: 'resend', note: 'Gửi lại phiếu chuyển thông tin địa chính' });
    const second = await step(taxSystem, code, 'tax_assessment');
    expect(second.id).not.toBe(first.id);
    await api.decide(taxSystem, second, {
      decision: 'notice',
      note: 'Thông báo nộp thuế TNCN 2% và lệ phí trước bạ 0,5%: 41.000.000 đ',
    });
    // Status 6, and the payment step waiting for the proof (its task open with its token attached).
    const owing = await dossier(
      owner,
      code,
      (d) =>
        d.status === 'AWAITING_FINANCIAL_OBLIGATION' &&
        d.tasks.some((t: any) => t.stepId === 'payment' && t.version >= 2),
      'status 6 and the payment step waiting',
    );
    expect(owing.statusCode).toBe(6);
    const receipt = await api.upload(owner, 'bien-lai.pdf', '%PDF receipt');
    const paid = await api.call('POST', `/dossiers/${code}/supplement`, {
      token: owner,
      body: { documents: [{ componentCode: 'GCN', uploadId: receipt.uploadId }], note: 'Biên lai nộp thuế' },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(202);
    await api.decide(head, await step(head, code, 'approval'), { decision: 'approve', resultNumber: 'CS 123456' });
    await api.decide(desk, await step(desk, code, 'delivery'), { decision: 'deliver' });
    await dossier(owner, code, (d) => d.status === 'DELIVERED', 'delivered');
    await expectPromisedNotices(owner, code);
    const { promised } = await applicantNotices(runtime, api, owner, code);
    expect(promised).toContain('Yêu cầu thực hiện nghĩa vụ tài chính');
  });

  it('linked birth + residence + health card (Decree 63/2024): one dossier, the police of the applicant’s commune and social insurance at once', async () => {
    const parent = await api.login('parent', 'citizen');
    const desk = await officer('desk-vt-2', 'receiver', VIET_TRI);
    const clerk = await officer('clerk-vt-2', 'specialist', VIET_TRI);
    const chair = await officer('chair-vt-2', 'leader', VIET_TRI);
    const police = await officer('ca-hh', 'specialist', HA_HOA_POLICE);
    const insurance = await officer('bhxh', 'specialist', SOCIAL_INSURANCE);
    await at('2026-06-01T08:00:00+07:00');
    const code = await submit(
      parent,
      '3.000722',
      ['TO_KHAI', 'CHUNG_SINH'],
      { receivingAgencyId: VIET_TRI },
      { addressUnitId: 'PT-HA-HOA' },
    );
    await api.decide(desk, await step(desk, code, 'reception'), { decision: 'accept' });
    await api.decide(clerk, await step(clerk, code, 'birth_registration'), { decision: 'register' });
    const [residence, card] = await Promise.all([
      step(police, code, 'residence'),
      step(insurance, code, 'health_card'),
    ]);
    expect(residence.agencyId).toBe(HA_HOA_POLICE);
    expect(card.agencyId).toBe(SOCIAL_INSURANCE);
    await Promise.all([
      api.decide(police, residence, { decision: 'registered' }),
      api.decide(insurance, card, { decision: 'issued' }),
    ]);
    await api.decide(chair, await step(chair, code, 'signing'), { decision: 'approve', resultNumber: '77/2026/KS' });
    await api.decide(desk, await step(desk, code, 'delivery'), { decision: 'deliver' });
    const done = await dossier(parent, code, (d) => d.status === 'DELIVERED', 'delivered');
    expect(done.parallelAnswers.map((a: any) => [a.stepId, a.late]).sort()).toEqual([
      ['health_card', false],
      ['residence', false],
    ]);
    // Finished the day it was received, four working days ahead of the five allowed.
    expect(done.timeliness).toBe('early');
    await expectPromisedNotices(parent, code);
  });

  it('requires the applicant’s commune where the flow routes to it, and refuses a unit the province does not have', async () => {
    const parent = await api.login('parent-2', 'citizen');
    const upload = async (c: string) => ({
      componentCode: c,
      uploadId: (await api.upload(parent, `${c}.pdf`, '%PDF')).uploadId,
    });
    const documents = [await upload('TO_KHAI'), await upload('CHUNG_SINH')];
    for (const [applicant, code] of [
      [{}, 'ADDRESS_UNIT_REQUIRED'],
      [{ addressUnitId: 'PT-NOWHERE' }, 'UNKNOWN_ADDRESS_UNIT'],
    ] as const) {
      const reply = await api.call('POST', '/dossiers', {
        token: parent,
        body: {
          procedureId: '3.000722',
          applicant: { fullName: 'Lê Văn Bình', idNumber: '025090001111', ...applicant },
          documents,
        },
        headers: { 'idempotency-key': `linked-unit-${code}` },
      });
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe(code);
    }
  });
});
