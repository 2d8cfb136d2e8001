import { describe, expect, it } from 'vitest';
import { type AgencyEntry, resolveAgency } from '../../functions/domain/agency-selector';
import { type ProcedureSummary, rankMatch, searchCatalogue } from '../../functions/domain/catalogue-search';
import type { Dossier } from '../../functions/domain/dossier';
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
