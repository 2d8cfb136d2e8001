import { describe, expect, it } from 'vitest';
import { figuresOf } from '../../functions/domain/figures';
import { index766 } from '../../functions/domain/index-766';

describe('the 766 index from the figures', () => {
  it('scores progress as the national portal does (283 on time of 330 → 17.15 of 20) and says what it cannot measure', () => {
    // 330 received: 250 finished early or on time, 33 in progress within deadline, 20 finished late, 27 overdue.
    const figures = figuresOf(
      {},
      {
        counter: 330,
        open: 60,
        early: 200,
        onTime: 50,
        late: 20,
        overdue: 27,
        rating5: 3,
        rating4: 1,
        rating2: 1,
        synced: 165,
      },
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
    expect(indicator('DOSSIER_SYNC')).toMatchObject({ score: 3, numerator: 165, denominator: 330 });
    // Digitisation from the e-data store: none of these dossiers had documents, reused any, or an electronic result.
    expect(indicator('REUSED_DIGITIZED_DATA')).toMatchObject({ score: 0, numerator: 0, denominator: 330 });
    expect(indicator('ORIGINAL_RESULT_AVAILABLE')).toMatchObject({ score: 0, denominator: 270 });
    expect(indicator('ELECTRONIC_CERTIFIED_COPY')).toMatchObject({ score: null, notMeasured: expect.any(String) });
    expect(index).toMatchObject({ max: 100, score: 33.95, measuredMax: 56 });
    // The portal's own example: 1 of 47 synced is 0.13 of 6.
    const one = index766({
      figures: figuresOf({}, { online: 47, open: 47, synced: 1 }),
      offeredOnline: { received: 47, online: 47 },
      ratings: { total: 0, satisfied: 0 },
    });
    expect(one.groups[0]!.indicators.find((i) => i.code === 'DOSSIER_SYNC')).toMatchObject({ score: 0.13 });
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
