import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as composition from '../../functions/composition';
import type { Actor } from '../../functions/domain/dossier';
import type { AppError } from '../../functions/domain/errors';
import { type DossierEvent, isFigureEvent } from '../../functions/domain/events';
import type { TaskStore } from '../../functions/domain/ports';
import { handler as closeParallel } from '../../functions/steps/close-parallel';
import { withdrawDossier } from '../../functions/use-cases/close-dossier';
import { decideTask } from '../../functions/use-cases/decide-task';
import { dossierDetail } from '../../functions/use-cases/dossier-views';
import { countFigures, statistics } from '../../functions/use-cases/figures';
import { fileDocuments, readableKey } from '../../functions/use-cases/file-documents';
/**
 * The use cases over in-memory ports: no emulator, no AWS SDK. The composition module is replaced as a whole, so
 * a use case that reached for an adapter directly would fail here.
 */
import { notifyApplicant } from '../../functions/use-cases/notify';
import { submitDossier } from '../../functions/use-cases/submit-dossier';
import { supplementDossier } from '../../functions/use-cases/supplement-dossier';
import { AGRI_ENV, CONSTRUCTION, FINANCE, POLICE } from '../support/agencies';
import type { InMemoryComposition } from '../support/in-memory-ports';
import {
  applicant,
  citizen,
  flowDriver,
  JUSTICE,
  leader,
  PASC,
  receiver,
  specialist,
} from '../support/use-case-driver';

vi.mock('../../functions/composition', async () => (await import('../support/in-memory-ports')).inMemoryComposition());

const c = composition as unknown as InMemoryComposition;
const flow = flowDriver(c);
const PROCEDURE = '2.000488';

beforeEach(() => c.reset());

async function documents(owner = citizen) {
  return [
    { componentCode: 'TO_KHAI', uploadId: await flow.upload(owner) },
    { componentCode: 'CCCD', uploadId: await flow.upload(owner) },
  ];
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: AppError) => ({ status: error.statusCode, code: error.code }),
  );

describe('submitting a dossier (use case over in-memory ports)', () => {
  it('stores an online dossier SUBMITTED, starts its one execution at the first step and tells the applicant', async () => {
    const result = await submitDossier(
      citizen,
      { procedureId: PROCEDURE, applicant, documents: await documents() },
      'key-0001',
    );
    expect(result.created).toBe(true);
    expect(result.dossier).toMatchObject({ status: 'SUBMITTED', currentStepId: 'reception', receivingAgencyId: PASC });
    expect(c.workflows.starts).toEqual([
      expect.objectContaining({ dossierCode: result.dossier.code, flowId: 'single-agency', startStepId: 'reception' }),
    ]);
    const [submitted] = c.dossiers.stream;
    await c.deliverEvents(notifyApplicant);
    expect(c.notifier.sent.map((m) => m.contact.email)).toEqual([applicant.email]);
    // The stream delivers at least once: the same event again tells the applicant nothing more.
    await notifyApplicant(submitted!);
    expect(c.notifier.sent).toHaveLength(1);
    // The documents are named under the dossier and each upload is now the dossier's only.
    expect(result.dossier.documents.every((d) => d.key.startsWith(`dossiers/${result.dossier.code}/`))).toBe(true);
    expect([...c.dossiers.uploads.values()].map((u) => u.usedBy)).toEqual([result.dossier.code, result.dossier.code]);
  });

  it('answers before the files are copied: the file-documents reaction copies them, once is enough', async () => {
    const { dossier } = await submitDossier(
      citizen,
      { procedureId: PROCEDURE, applicant, documents: await documents() },
      'key-files-1',
    );
    const [first, second] = dossier.documents;
    expect(await c.files.stat(first!.key)).toBeUndefined();
    // Until the copy, a link points at the upload.
    expect(await readableKey(first!)).toBe(c.files.uploadKey(first!.uploadId));
    const creation = c.dossiers.takeEvents().filter((e) => e.event.seq === 1);
    expect(creation).toHaveLength(1);
    await fileDocuments(creation[0]!);
    expect(await c.files.stat(first!.key)).toEqual(await c.files.stat(c.files.uploadKey(first!.uploadId)));
    expect(await readableKey(first!)).toBe(first!.key);
    // A redelivery after the upload expired finds the copy made then; with neither, the reaction fails (retried).
    c.files.objects.delete(c.files.uploadKey(first!.uploadId));
    await fileDocuments(creation[0]!);
    c.files.objects.delete(c.files.uploadKey(second!.uploadId));
    c.files.objects.delete(second!.key);
    await expect(fileDocuments(creation[0]!)).rejects.toThrow();
  });

  it('keeps a received dossier’s documents in the applicant’s store, hashed from the upload while the copy is not made', async () => {
    const { dossier } = await submitDossier(
      citizen,
      { procedureId: PROCEDURE, applicant, documents: await documents() },
      'key-files-2',
    );
    const [first, second] = dossier.documents;
    // The second file was the desk's scan: its uploader is the officer who received the dossier.
    c.dossiers.uploads.get(second!.uploadId)!.owner = receiver.sub;
    const reception = await flow.open(dossier.code, 'reception');
    await decideTask(receiver, reception.id, { decision: 'accept' });
    // The reaction runs on the reception before the copies are made (the first event's delivery still waits).
    const received = c.dossiers.takeEvents().find((e) => e.event.toStatus === 'RECEIVED')!;
    expect(await c.files.stat(first!.key)).toBeUndefined();
    await fileDocuments(received);
    const stored = [...c.eData.documents.values()].sort((a, b) => a.componentCode.localeCompare(b.componentCode));
    expect(stored.map((d) => [d.componentCode, d.sha256, d.digitisedBy.sub])).toEqual([
      ['CCCD', await c.files.sha256(c.files.uploadKey(second!.uploadId)), receiver.sub],
      ['TO_KHAI', await c.files.sha256(c.files.uploadKey(first!.uploadId)), citizen.sub],
    ]);
    expect(stored.every((d) => d.key.startsWith(`dossiers/${dossier.code}/`))).toBe(true);
    // Delivered again: both are held already, and nothing is kept twice.
    await fileDocuments(received);
    expect(c.eData.documents.size).toBe(2);
  });

  it('opens the reception task with an online dossier, and starts the execution waiting on it', async () => {
    const { dossier } = await submitDossier(
      citizen,
      { procedureId: PROCEDURE, applicant, documents: await documents() },
      'open-0001',
    );
    const [reception] = await c.tasks.getTasks(dossier.code);
    expect(reception).toMatchObject({ stepId: 'reception', state: 'OPEN', role: 'receiver', agencyId: PASC });
    expect(dossier).toMatchObject({ status: 'SUBMITTED', currentStepId: 'reception', openTaskIds: [reception!.id] });
    expect(c.workflows.starts).toEqual([
      expect.objectContaining({
        startStepId: 'reception',
        task: { taskId: reception!.id, timeoutSeconds: expect.any(Number) },
      }),
    ]);
    // The first history event shows the dossier as submitted, before its task opened.
    expect(c.dossiers.history.get(dossier.code)).toHaveLength(1);
  });

  it('receives a counter intake at once, with its due date, at the intake step', async () => {
    const result = await submitDossier(
      receiver,
      { procedureId: PROCEDURE, applicant, documents: await documents(receiver) },
      'desk-0001',
    );
    expect(result.dossier).toMatchObject({ status: 'RECEIVED', channel: 'counter', currentStepId: 'appraisal' });
    expect(result.dossier.dueAt).toEqual(expect.any(String));
    expect(c.workflows.starts[0]?.startStepId).toBe('appraisal');
  });

  it('answers a retry with the same key and body with the same dossier, and refuses the key with another body', async () => {
    const input = { procedureId: PROCEDURE, applicant, documents: await documents() };
    const first = await submitDossier(citizen, input, 'key-0002');
    const again = await submitDossier(citizen, input, 'key-0002');
    expect(again).toMatchObject({ created: false, dossier: { code: first.dossier.code } });
    expect(c.dossiers.dossiers.size).toBe(1);
    expect(c.workflows.executions.size).toBe(1);
    expect(
      await refusal(submitDossier(citizen, { ...input, applicant: { ...applicant, fullName: 'Khác' } }, 'key-0002')),
    ).toEqual({
      status: 409,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('refuses what the rules refuse, writing nothing and starting nothing', async () => {
    const mine = await documents();
    const cases: [string, () => Promise<unknown>, number, string][] = [
      [
        'an unknown procedure',
        async () => submitDossier(citizen, { procedureId: '9.999999', applicant, documents: mine }, 'k-01'),
        422,
        'PROCEDURE_NOT_FOUND',
      ],
      [
        'an unknown case',
        async () =>
          submitDossier(citizen, { procedureId: PROCEDURE, caseId: 'nope', applicant, documents: mine }, 'k-02'),
        422,
        'CASE_NOT_FOUND',
      ],
      [
        'a citizen at the counter',
        async () =>
          submitDossier(citizen, { procedureId: PROCEDURE, channel: 'counter', applicant, documents: mine }, 'k-03'),
        422,
        'CHANNEL_NOT_ALLOWED',
      ],
      [
        'a desk that does not receive it',
        async () =>
          submitDossier(
            { ...receiver, agencyId: JUSTICE },
            { procedureId: PROCEDURE, applicant, documents: mine },
            'k-04',
          ),
        403,
        'FORBIDDEN',
      ],
      [
        'a missing mandatory component',
        async () => submitDossier(citizen, { procedureId: PROCEDURE, applicant, documents: mine.slice(0, 1) }, 'k-05'),
        422,
        'INCOMPLETE_DOSSIER',
      ],
      [
        'an upload of somebody else',
        async () =>
          submitDossier(citizen, { procedureId: PROCEDURE, applicant, documents: await documents(receiver) }, 'k-06'),
        422,
        'UPLOAD_NOT_FOUND',
      ],
      [
        'a file never stored',
        async () => {
          const documents_ = await documents();
          c.files.objects.delete(c.files.uploadKey(documents_[1]!.uploadId));
          return submitDossier(citizen, { procedureId: PROCEDURE, applicant, documents: documents_ }, 'k-07');
        },
        422,
        'UPLOAD_MISSING',
      ],
      [
        'a file bigger than declared',
        async () => {
          const big = await flow.upload(
            citizen,
            { size: 65_545, contentType: 'application/pdf' },
            { size: 15, contentType: 'application/pdf' },
          );
          return submitDossier(
            citizen,
            { procedureId: PROCEDURE, applicant, documents: [mine[0]!, { componentCode: 'CCCD', uploadId: big }] },
            'k-08',
          );
        },
        422,
        'UPLOAD_MISMATCH',
      ],
    ];
    for (const [what, attempt, status, code] of cases) {
      expect(await refusal(attempt()), what).toEqual({ status, code });
    }
    expect(c.dossiers.dossiers.size).toBe(0);
    expect(c.workflows.starts).toEqual([]);
    expect(c.notifier.sent).toEqual([]);
    // The uploads were left untouched: they can still make a dossier, once.
    await submitDossier(citizen, { procedureId: PROCEDURE, applicant, documents: mine }, 'k-09');
    expect(
      await refusal(submitDossier(citizen, { procedureId: PROCEDURE, applicant, documents: mine }, 'k-10')),
    ).toEqual({
      status: 409,
      code: 'UPLOAD_ALREADY_USED',
    });
  });
});

describe('deciding, supplementing and withdrawing (use cases over in-memory ports)', () => {
  async function atReception(key = 'flow-0001') {
    const { dossier } = await submitDossier(
      citizen,
      { procedureId: PROCEDURE, applicant, documents: await documents() },
      key,
    );
    return { code: dossier.code, reception: await flow.open(dossier.code, 'reception') };
  }

  /**
   * A decision whose first read of the task store answers `stale` (as read before another officer's decision) and
   * every later read as things are now: its refusal, and how many times the store was read.
   */
  async function refusedAfterStaleRead<K extends 'getTask' | 'getTasks'>(
    read: K,
    stale: Awaited<ReturnType<TaskStore[K]>>,
    decide: () => Promise<unknown>,
  ) {
    const current = c.tasks[read].bind(c.tasks) as (key: string) => Promise<unknown>;
    let reads = 0;
    vi.spyOn(c.tasks, read).mockImplementation((async (key: string) =>
      reads++ === 0 ? stale : current(key)) as never);
    try {
      return { refused: await refusal(decide()), reads };
    } finally {
      vi.restoreAllMocks();
    }
  }

  async function inAppraisal() {
    const { code, reception } = await atReception();
    await decideTask(receiver, reception.id, { decision: 'accept' });
    return { code, appraisal: await flow.open(code, 'appraisal') };
  }

  it('records the decision of the task’s own role and agency once and hands it to the waiting step', async () => {
    const { code, appraisal } = await inAppraisal();
    expect((await c.dossiers.getDossier(code))?.status).toBe('IN_PROGRESS');
    expect(await refusal(decideTask({ ...specialist, agencyId: PASC }, appraisal.id, { decision: 'approve' }))).toEqual(
      {
        status: 403,
        code: 'FORBIDDEN',
      },
    );
    await decideTask(specialist, appraisal.id, { decision: 'approve', note: 'Hồ sơ hợp lệ' });
    // Applied, and the approval step opened, in the same change: the waiting step only routes.
    const approval = (await c.tasks.getTasks(code)).find((t) => t.stepId === 'approval')!;
    expect(approval).toMatchObject({ state: 'OPEN', role: 'leader', agencyId: JUSTICE });
    expect((await c.tasks.getTask(appraisal.id))?.state).toBe('APPLIED');
    expect(c.workflows.decisions.at(-1)).toEqual({
      token: appraisal.token,
      output: { next: 'approval', taskId: approval.id, timeoutSeconds: expect.any(Number) },
    });
    expect(await refusal(decideTask(specialist, appraisal.id, { decision: 'approve' }))).toEqual({
      status: 409,
      code: 'TASK_ALREADY_DECIDED',
    });
  });

  it('lets the leader apologise once with a new date, and tells the applicant (Form 04)', async () => {
    const { code, appraisal } = await inAppraisal();
    await decideTask(specialist, appraisal.id, { decision: 'approve' });
    const approval = await flow.open(code, 'approval');
    const before = (await c.dossiers.getDossier(code))!;
    await c.deliverEvents(notifyApplicant);
    const told = c.notifier.sent.length;
    await decideTask(leader, approval.id, {
      decision: 'extend',
      note: 'Chờ xác minh',
      dueAt: '2026-04-30T17:00:00+07:00',
    });
    const after = (await c.dossiers.getDossier(code))!;
    expect(after.dueAt).toBe('2026-04-30T17:00:00+07:00');
    expect(after.extension?.previousDueAt).toBe(before.dueAt);
    await c.deliverEvents(notifyApplicant);
    expect(c.notifier.sent).toHaveLength(told + 1);
    expect(
      await refusal(
        decideTask(leader, approval.id, { decision: 'extend', note: 'Lần hai', dueAt: '2026-05-30T17:00:00+07:00' }),
      ),
    ).toEqual({
      status: 422,
      code: 'ALREADY_EXTENDED',
    });
  });

  it('takes the applicant’s supplement while one is asked for, and only then', async () => {
    const { code, appraisal } = await inAppraisal();
    expect(
      await refusal(
        supplementDossier(citizen, code, {
          documents: [{ componentCode: 'CU_TRU', uploadId: await flow.upload(citizen) }],
        }),
      ),
    ).toEqual({
      status: 422,
      code: 'NOT_AWAITING_SUPPLEMENT',
    });
    await decideTask(specialist, appraisal.id, {
      decision: 'request_supplement',
      note: 'Thiếu giấy tờ cư trú (CU_TRU)',
    });
    expect((await c.dossiers.getDossier(code))?.status).toBe('SUPPLEMENT_REQUESTED');
    const waiting = await flow.open(code, 'supplement');
    const result = await supplementDossier(citizen, code, {
      documents: [{ componentCode: 'CU_TRU', uploadId: await flow.upload(citizen) }],
      note: 'Bổ sung',
    });
    expect(result).toMatchObject({ code, taskId: waiting.id });
    expect((await c.tasks.getTask(waiting.id))?.state).toBe('APPLIED');
    expect((await c.dossiers.getDossier(code))?.status).toBe('IN_PROGRESS');
    expect(c.workflows.decisions.at(-1)?.token).toBe(waiting.token);
  });

  it('tells the second of two concurrent officers 409, also when its reads straddle the first one’s decision', async () => {
    const { code, reception } = await atReception('straddle-0001');
    // The second receiver's task read happens before the first one's decision, its dossier read after it.
    await decideTask(receiver, reception.id, { decision: 'accept' });
    const after = await c.dossiers.getDossier(code);
    const second = { ...receiver, sub: 'other-receiver' };
    const { refused, reads } = await refusedAfterStaleRead('getTask', reception, () =>
      decideTask(second, reception.id, { decision: 'accept' }),
    );
    expect(refused).toEqual({ status: 409, code: 'TASK_ALREADY_DECIDED' });
    // Read again once, after which the task says it was decided; nothing was written.
    expect(reads).toBe(2);
    expect(await c.dossiers.getDossier(code)).toEqual(after);
  });

  it('tells a leader 409 when the reads of an extension straddle another leader’s decision, and extends nothing', async () => {
    const { code, appraisal } = await inAppraisal();
    await decideTask(specialist, appraisal.id, { decision: 'approve' });
    const approval = await flow.open(code, 'approval');
    const stale = await c.tasks.getTasks(code);
    // The first leader sends it back: the dossier is still in progress, and could still be extended.
    await decideTask(leader, approval.id, { decision: 'return', note: 'Thẩm định lại' });
    const after = await c.dossiers.getDossier(code);
    const second = { ...leader, sub: 'other-leader' };
    const { refused, reads } = await refusedAfterStaleRead('getTasks', stale, () =>
      decideTask(second, approval.id, { decision: 'extend', note: 'Chờ xác minh', dueAt: '2026-04-30T17:00:00+07:00' }),
    );
    expect(refused).toEqual({ status: 409, code: 'TASK_ALREADY_DECIDED' });
    expect(reads).toBe(2);
    expect(await c.dossiers.getDossier(code)).toEqual(after);
  });

  it('takes a supplement that arrives as the waiting step attaches its token (a race lost to the flow is retried)', async () => {
    const { code, appraisal } = await inAppraisal();
    await decideTask(specialist, appraisal.id, {
      decision: 'request_supplement',
      note: 'Thiếu giấy tờ cư trú (CU_TRU)',
    });
    const waiting = await flow.open(code, 'supplement');
    // The step re-attaches a token between the supplement's read and its write, once.
    const settle = c.dossiers.settleDecision.bind(c.dossiers);
    let raced = false;
    vi.spyOn(c.dossiers, 'settleDecision').mockImplementation(async (change) => {
      if (!raced) {
        raced = true;
        await c.tasks.attachToken((await c.tasks.getTask(change.task.before.id))!, 'token-reattached');
      }
      return settle(change);
    });
    const result = await supplementDossier(citizen, code, {
      documents: [{ componentCode: 'CU_TRU', uploadId: await flow.upload(citizen) }],
    });
    vi.restoreAllMocks();
    expect(raced).toBe(true);
    expect(result).toMatchObject({ code, taskId: waiting.id });
    expect(c.workflows.decisions.at(-1)?.token).toBe('token-reattached');
  });

  it('ends a dossier the applicant withdraws: WITHDRAWN, tasks closed, the waiting step ended, the applicant told', async () => {
    const { code, appraisal } = await inAppraisal();
    expect(await refusal(withdrawDossier(citizen, code, 'Nộp nhầm', 1))).toEqual({
      status: 409,
      code: 'STALE_VERSION',
    });
    await c.deliverEvents(notifyApplicant);
    const told = c.notifier.sent.length;
    const ended = await withdrawDossier(citizen, code, 'Nộp nhầm thủ tục');
    expect(ended).toMatchObject({ status: 'WITHDRAWN', finishedAt: expect.any(String) });
    expect((await c.tasks.getTask(appraisal.id))?.state).toBe('CLOSED');
    expect(c.workflows.failures).toEqual([{ token: appraisal.token, error: 'DossierClosed' }]);
    await c.deliverEvents(notifyApplicant);
    expect(c.notifier.sent).toHaveLength(told + 1);
    expect(await refusal(withdrawDossier(citizen, code, 'Lần nữa'))).toEqual({ status: 422, code: 'NOT_WITHDRAWABLE' });
  });

  describe('a parallel consultation', () => {
    const expert: Actor = { sub: 'expert', role: 'specialist', agencyId: FINANCE };
    const asked = {
      opinion_construction: { sub: 'sxd', role: 'specialist', agencyId: CONSTRUCTION },
      opinion_environment: { sub: 'snnmt', role: 'specialist', agencyId: AGRI_ENV },
      opinion_security: { sub: 'cat', role: 'specialist', agencyId: POLICE },
    } satisfies Record<string, Actor>;
    const CONSULTATION = { id: 'consultation', name: 'Lấy ý kiến các sở, ngành liên quan', next: 'synthesis' };

    /** A department-consultation dossier whose appraisal asked three agencies at once. */
    async function consulting() {
      const components = ['VAN_BAN_DE_NGHI', 'DE_XUAT', 'NANG_LUC'];
      const { dossier } = await submitDossier(
        citizen,
        {
          procedureId: '1.009645',
          applicant,
          documents: await Promise.all(
            components.map(async (componentCode) => ({ componentCode, uploadId: await flow.upload(citizen) })),
          ),
        },
        'consult-0001',
      );
      await decideTask(receiver, (await flow.open(dossier.code, 'reception')).id, { decision: 'accept' });
      await decideTask(expert, (await flow.open(dossier.code, 'appraisal')).id, { decision: 'consult' });
      const branches = (await c.tasks.getTasks(dossier.code)).filter((t) => t.kind === 'branch');
      const task = (stepId: keyof typeof asked) => branches.find((t) => t.stepId === stepId)!;
      return { code: dossier.code, task };
    }
    const at = (time: string) => vi.spyOn(c.clock, 'now').mockReturnValue(Date.parse(`2026-03-0${time}+07:00`));
    afterEach(() => vi.restoreAllMocks());

    it('settles each answer on its task without writing the dossier; the close takes them in, in the order they came', async () => {
      const { code, task } = await consulting();
      const before = (await c.dossiers.getDossier(code))!;
      const written = c.dossiers.stream.length;
      at('3T10:00:00');
      await decideTask(asked.opinion_environment, task('opinion_environment').id, {
        decision: 'object',
        note: 'Cần đánh giá tác động môi trường',
      });
      at('3T09:00:00');
      await decideTask(asked.opinion_construction, task('opinion_construction').id, { decision: 'agree' });
      // Neither answer wrote the dossier or its history: a third agency answering at the same moment races nobody.
      expect(await c.dossiers.getDossier(code)).toEqual(before);
      expect(c.dossiers.stream).toHaveLength(written);
      // Readers see both answers already, as the dossier will take them in.
      const shown = await dossierDetail(expert, code);
      expect(shown.version).toBe(before.version);
      expect(shown.parallelAnswers.map((a) => [a.stepId, a.decision])).toEqual([
        ['opinion_construction', 'agree'],
        ['opinion_environment', 'object'],
      ]);
      expect(shown.history.slice(-2).map((h) => h.action)).toEqual([
        'opinion_construction:agree',
        'opinion_environment:object',
      ]);
      expect(shown.tasks.map((t) => t.stepId)).toEqual(['opinion_security']);
      at('3T11:00:00');
      await decideTask(asked.opinion_security, task('opinion_security').id, { decision: 'agree' });
      await closeParallel({ dossierCode: code, step: CONSULTATION }, {} as never);
      const closed = (await c.dossiers.getDossier(code))!;
      expect(closed).toMatchObject({ currentStepId: 'synthesis', parallelRounds: 1, openTaskIds: [], openSteps: {} });
      expect(closed.version).toBe(before.version + 1);
      const history = c.dossiers.history.get(code)!;
      expect(history.slice(-4).map((h) => [h.seq, h.action])).toEqual([
        [before.historyCount + 1, 'opinion_construction:agree'],
        [before.historyCount + 2, 'opinion_environment:object'],
        [before.historyCount + 3, 'opinion_security:agree'],
        [before.historyCount + 4, 'consultation:done'],
      ]);
      expect((await dossierDetail(expert, code)).history.map((h) => h.action)).toEqual(history.map((h) => h.action));
      // The close is idempotent: run again, it finds the dossier moved on.
      await closeParallel({ dossierCode: code, step: CONSULTATION }, {} as never);
      expect(c.dossiers.history.get(code)).toHaveLength(history.length);
    });

    it('keeps the answers given when the applicant withdraws during the consultation', async () => {
      const { code, task } = await consulting();
      await decideTask(asked.opinion_security, task('opinion_security').id, { decision: 'agree' });
      const ended = await withdrawDossier(citizen, code, 'Không đầu tư nữa');
      expect(ended.parallelAnswers?.map((a) => a.stepId)).toEqual(['opinion_security']);
      expect(
        c.dossiers.history
          .get(code)!
          .slice(-2)
          .map((h) => h.action),
      ).toEqual(['opinion_security:agree', 'withdraw']);
      expect((await c.tasks.getTask(task('opinion_security').id))?.state).toBe('APPLIED');
      expect((await c.tasks.getTask(task('opinion_construction').id))?.state).toBe('CLOSED');
    });
  });

  it('counts each change in the figures once, however often the stream delivers it, and shows them by scope', async () => {
    const { code } = await inAppraisal();
    await withdrawDossier(citizen, code, 'Nộp nhầm thủ tục');
    const events: DossierEvent[] = [];
    await c.deliverEvents(async (event) => {
      events.push(event);
    });
    for (const event of [...events, ...events.filter(isFigureEvent)])
      if (isFigureEvent(event)) await countFigures(event);
    const today = '2026-03-02';
    const stats = await statistics(leader, { from: today, to: today, groupBy: 'agency' });
    expect(stats.total).toMatchObject({
      received: { total: 1, online: 1, counter: 0, post: 0, carriedOver: 0 },
      finished: { total: 0 },
      withdrawn: 1,
      inProgress: { total: 0 },
      paused: 0,
    });
    expect(stats.rows.map((r) => r.agencyId)).toEqual([JUSTICE]);
    // The desk that received it is not the agency answerable for it; nor may it ask for that agency's figures.
    const desk = { sub: 'pasc-leader', role: 'leader' as const, agencyId: PASC };
    expect((await statistics(desk, { from: today, to: today })).total.received.total).toBe(0);
    expect(await refusal(statistics(desk, { from: today, to: today, agencyId: JUSTICE }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(await refusal(statistics(leader, { from: today, to: '2026-03-01' }))).toEqual({
      status: 400,
      code: 'INVALID_PERIOD',
    });
  });
});
