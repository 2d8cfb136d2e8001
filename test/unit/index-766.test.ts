import { describe, expect, it } from 'vitest';
import { figuresOf } from '../../functions/domain/figures';
import { index766 } from '../../functions/domain/index-766';

describe('the 766 index from the figures', () => {
  it('scores progress as the national portal does (283 on time of 330 → 17.15 of 20) and says what it cannot measure', () => {
    // 330 received: 250 finished early or on time, 33 in progress within deadline, 20 finished late, 27 overdue.
    const figures = figuresOf(
      {},
      { counter: 330, open: 60, early: 200, onTime: 50, late: 20, overdue: 27, rating5: 3, rating4: 1, rating2: 1 },
    );
    const index = index766({
      figures,
      offeredOnline: { received: 200, online: 150 },
      ratings: { total: 5, satisfied: 4 },
    });
    const indicator = (code: string) => index.groups.flatMap((g) => g.indicators).find((i) => i.code === code)!;
    expect(indicator('PROGRESS')).toMatchObject({ score: 17.15, numerator: 283, denominator: 330 });
    expect(indicator('ONLINE_DOSSIERS')).toMatchObject({ score: 9, numerator: 150, denominator: 200 });
    expect(indicator('DOSSIER_RECEIVING_SATISFACTION')).toMatchObject({ score: 4.8 });
    expect(indicator('DOSSIER_SYNC')).toMatchObject({ score: null, notMeasured: expect.stringContaining('Cổng') });
    expect(index).toMatchObject({ max: 100, score: 30.95, measuredMax: 38 });
    expect(index.groups.map((g) => [g.code, g.max])).toEqual([
      ['CKMB', 18],
      ['TDGQ', 20],
      ['CLGQ', 12],
      ['TTTT', 10],
      ['MDSH', 22],
      ['MDHL', 18],
    ]);
    expect(index.groups.flatMap((g) => g.indicators).reduce((sum, i) => sum + i.max, 0)).toBe(100);
    // No dossier: nothing is scored, nothing is made up.
    const empty = index766({
      figures: figuresOf({}, {}),
      offeredOnline: { received: 0, online: 0 },
      ratings: { total: 0, satisfied: 0 },
    });
    expect(empty).toMatchObject({ score: 0, measuredMax: 0 });
  });
});
