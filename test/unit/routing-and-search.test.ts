import { describe, expect, it } from 'vitest';
import { type AgencyEntry, resolveAgency } from '../../functions/domain/agency-selector';
import { type ProcedureSummary, rankMatch, searchCatalogue } from '../../functions/domain/catalogue-search';
import type { Dossier, Task } from '../../functions/domain/dossier';
import { answerBranch, foldAnswers } from '../../functions/domain/lifecycle/answers';
import { closeParallel } from '../../functions/domain/lifecycle/routing';

const agencies: AgencyEntry[] = [
  { id: 'PASC', code: 'PASC', kind: 'pasc', unitId: 'PT' },
  { id: 'TAX', code: 'THUE', kind: 'vertical', unitId: 'PT' },
  { id: 'UB-A', code: 'UBND-A', kind: 'commune', unitId: 'A' },
  { id: 'CA-A', code: 'CA-A', kind: 'police', unitId: 'A' },
  { id: 'UB-B', code: 'UBND-B', kind: 'commune', unitId: 'B' },
];
const facts = { receivingAgencyId: 'UB-A', competentAgencyId: 'DEPT', applicantUnitId: 'B' };

describe('agency selectors', () => {
  it('resolves receiving, competent, chosen, a fixed code and an agency kind of a unit', () => {
    expect(resolveAgency('receiving', facts, agencies)).toBe('UB-A');
    expect(resolveAgency('competent', facts, agencies)).toBe('DEPT');
    expect(resolveAgency('chosen', { ...facts, chosenAgencyId: 'TAX' }, agencies)).toBe('TAX');
    expect(resolveAgency({ code: 'THUE' }, facts, agencies)).toBe('TAX');
    expect(resolveAgency({ kind: 'police', unitOf: 'receiving' }, facts, agencies)).toBe('CA-A');
    expect(resolveAgency({ kind: 'commune', unitOf: 'applicant' }, facts, agencies)).toBe('UB-B');
  });

  it('says which agency is missing instead of guessing', () => {
    expect(() => resolveAgency('chosen', facts, agencies)).toThrow(/Chưa chọn/);
    expect(() => resolveAgency({ code: 'NONE' }, facts, agencies)).toThrow(/NONE/);
    expect(() => resolveAgency({ kind: 'police', unitOf: 'applicant' }, facts, agencies)).toThrow(/police.*B/);
  });
});

describe('closing a parallel step', () => {
  const dossier = {
    code: 'X-1',
    status: 'IN_PROGRESS',
    currentStepId: 'consult',
    historyCount: 4,
    version: 9,
    parallelAnswers: [
      { round: 1, parallelStepId: 'consult', stepId: 'a', agencyId: 'A', late: false },
      { round: 1, parallelStepId: 'consult', stepId: 'b', agencyId: 'B', late: true },
    ],
  } as unknown as Dossier;

  it('moves on, counts the run and names the late agencies, once', () => {
    const closed = closeParallel(dossier, { id: 'consult', name: 'Lấy ý kiến', next: 'synthesis' }, 0)!;
    expect(closed.dossier).toMatchObject({ currentStepId: 'synthesis', parallelRounds: 1, version: 10 });
    expect(closed.late).toEqual(['B']);
    expect(closed.event.note).toContain('1/2');
    expect(closeParallel(closed.dossier, { id: 'consult', name: 'Lấy ý kiến', next: 'synthesis' }, 0)).toBeUndefined();
  });
});

describe('answers of a parallel step', () => {
  const at = (hhmm: string) => Date.parse(`2026-04-10T${hhmm}:00+07:00`);
  const dossier = {
    code: 'X-1',
    status: 'IN_PROGRESS',
    currentStepId: 'consult',
    openTaskIds: ['X-1.4', 'X-1.5', 'X-1.6'],
    openSteps: { a: 'X-1.4', b: 'X-1.5', c: 'X-1.6' },
    historyCount: 4,
    version: 9,
  } as unknown as Dossier;
  const branch = (n: number, stepId: string, agencyId: string): Task => ({
    id: `X-1.${n}`,
    dossierCode: 'X-1',
    procedureId: 'P',
    stepId,
    stepName: `Ý kiến ${agencyId}`,
    kind: 'branch',
    timeoutDecision: 'no_answer',
    branchOf: 'consult',
    role: 'specialist',
    agencyId,
    openedAt: '2026-04-06T08:00:00+07:00',
    dueAt: '2026-04-10T12:00:00+07:00',
    overdue: false,
    state: 'OPEN',
    decisions: { agree: { to: '$join' }, no_answer: { to: '$join' } },
    version: 2,
  });
  const answer = (task: Task, decision: string, hhmm: string, actor = { sub: 'u', role: 'specialist' as const }) =>
    answerBranch(
      { ...task, decided: { decision, note: null, actor, decidedAt: new Date(at(hhmm)).toISOString() } },
      at(hhmm),
    );

  it('settles an answer on its task alone: applied, routed back to the parallel step, and refuses what is not allowed', () => {
    const settled = answer(branch(4, 'a', 'A'), 'agree', '09:00');
    expect(settled).toMatchObject({
      state: 'APPLIED',
      routed: { next: '$join' },
      appliedAt: '2026-04-10T09:00:00+07:00',
      version: 3,
    });
    expect(() => answer(branch(4, 'a', 'A'), 'object', '09:00')).toThrow(/object/);
    expect(() => answerBranch(branch(4, 'a', 'A'), at('09:00'))).toThrow(/chưa có quyết định/);
  });

  it('takes the settled answers in, in the order they came, each with its entry; open and unrelated tasks stay', () => {
    const late = answer(branch(6, 'c', 'C'), 'no_answer', '13:00', { sub: 'system', role: 'system' } as never);
    const first = answer(branch(5, 'b', 'B'), 'agree', '08:30');
    const other = { ...answer(branch(7, 'd', 'D'), 'agree', '08:00'), kind: 'officer' as const };
    const folded = foldAnswers(dossier, [branch(4, 'a', 'A'), late, first, other]);
    expect(folded.events.map(({ event }) => [event.seq, event.action, event.at, event.actor])).toEqual([
      [5, 'b:agree', '2026-04-10T08:30:00+07:00', 'u'],
      [6, 'c:no_answer', '2026-04-10T13:00:00+07:00', 'system'],
    ]);
    expect(folded.dossier.parallelAnswers?.map((a) => [a.round, a.stepId, a.agencyId, a.late])).toEqual([
      [1, 'b', 'B', false],
      [1, 'c', 'C', true],
    ]);
    expect(folded.dossier).toMatchObject({
      openTaskIds: ['X-1.4'],
      openSteps: { a: 'X-1.4' },
      historyCount: 6,
      version: 9,
    });
    // Each entry carries the dossier as it stood after it; taken in once, nothing is left to take.
    expect(folded.events[0]!.dossier.parallelAnswers).toHaveLength(1);
    expect(foldAnswers(folded.dossier, [branch(4, 'a', 'A'), late, first])).toEqual({
      dossier: folded.dossier,
      events: [],
    });
    const closed = closeParallel(folded.dossier, { id: 'consult', name: 'Lấy ý kiến', next: 'synthesis' }, 0)!;
    expect(closed.late).toEqual(['C']);
    expect(closed.event.seq).toBe(7);
  });
});

describe('catalogue search', () => {
  const p = (id: string, name: string, sector = 'Hộ tịch', effectiveFrom = '2025-07-01'): ProcedureSummary => ({
    id,
    code: id,
    name,
    sector,
    agencyId: null,
    receivingAgencyIds: ['UB-A'],
    onlineMode: 'full',
    effectiveFrom,
  });

  it('ranks a name prefix, then a name match, then all words, then the code, then the sector', () => {
    expect(rankMatch('dang ky', p('1', 'Đăng ký khai sinh'))).toBe(0);
    expect(rankMatch('khai sinh', p('1', 'Đăng ký khai sinh'))).toBe(1);
    expect(rankMatch('sinh dang', p('1', 'Đăng ký khai sinh'))).toBe(2);
    expect(rankMatch('1.001', p('1.001193', 'Đăng ký khai sinh'))).toBe(3);
    expect(rankMatch('ho tich', p('1', 'Đăng ký khai sinh'))).toBe(4);
    expect(rankMatch('xay dung', p('1', 'Đăng ký khai sinh'))).toBeUndefined();
  });

  it('shows the version in force on the day, not a future one', () => {
    const index = [p('1', 'Cũ'), p('1', 'Mới', 'Hộ tịch', '2027-01-01')];
    expect(searchCatalogue(index, { limit: 10 }, '2026-12-31').items.map((v) => v.name)).toEqual(['Cũ']);
    expect(searchCatalogue(index, { limit: 10 }, '2027-01-01').items.map((v) => v.name)).toEqual(['Mới']);
  });
});
