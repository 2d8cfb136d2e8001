import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../functions/domain/dossier';
import { figuresOf, ratingChange, recount } from '../../functions/domain/figures';
import {
  handlersOf,
  maskedComment,
  type Rating,
  ratingRecords,
  satisfactionReport,
} from '../../functions/domain/ratings';

const acted = (actor: string, role: HistoryEvent['role'], agencyId: string | null) => ({ actor, role, agencyId });

describe('a rating tied to who handled the dossier', () => {
  it('names each officer who acted once, never the applicant or the system', () => {
    const history = [
      acted('an', 'citizen', null),
      acted('desk', 'receiver', 'PASC'),
      acted('chi', 'specialist', 'STP'),
      acted('system', 'system', 'STP'),
      acted('chi', 'specialist', 'STP'),
      acted('lan', 'leader', 'STP'),
      acted('desk', 'receiver', 'PASC'),
    ];
    expect(handlersOf(history)).toEqual([
      { sub: 'desk', role: 'receiver', agencyId: 'PASC' },
      { sub: 'chi', role: 'specialist', agencyId: 'STP' },
      { sub: 'lan', role: 'leader', agencyId: 'STP' },
    ]);
  });

  it('masks what could be a phone or an ID number in a comment, and keeps the words', () => {
    expect(maskedComment('Gọi 0912 345 678 hoặc +84912345678, CCCD 025190002001. Cảm ơn 2 bạn')).toBe(
      'Gọi ••• hoặc •••, CCCD •••. Cảm ơn 2 bạn',
    );
    expect(maskedComment(null)).toBeNull();
  });

  it('leaves a copy for each agency that handled it, with its own officers, and reports levels and criteria', () => {
    const rating = (level: 1 | 2 | 3 | 4 | 5, criteria = {}): Rating => ({
      level,
      criteria,
      comment: null,
      at: '2026-11-09T10:00:00+07:00',
      agencyId: 'STP',
      procedureId: 'P',
      channel: 'online',
      handlers: [
        { sub: 'desk', role: 'receiver', agencyId: 'PASC' },
        { sub: 'chi', role: 'specialist', agencyId: 'STP' },
      ],
    });
    const records = [
      ...ratingRecords('D1', rating(5, { attitude: 2 })),
      ...ratingRecords('D2', rating(2, { attitude: 1 })),
      ...ratingRecords('D3', rating(4)),
    ];
    expect(records.map((r) => [r.dossierCode, r.agencyId, r.officers.map((o) => o.sub)])).toContainEqual([
      'D1',
      'PASC',
      ['desk'],
    ]);
    const report = satisfactionReport(records);
    expect(report.agencies.map((a) => [a.agencyId, a.ratings, a.rate, a.criteria.attitude])).toEqual([
      ['PASC', 3, 2 / 3, { answers: 2, average: 1.5 }],
      ['STP', 3, 2 / 3, { answers: 2, average: 1.5 }],
    ]);
    expect(report.officers.map((o) => [o.agencyId, o.sub, o.levels])).toEqual([
      ['PASC', 'desk', { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 }],
      ['STP', 'chi', { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 }],
    ]);
  });
});

describe('ratings in the figures', () => {
  const place = {
    seq: 6,
    key: { agencyId: 'STP', procedureId: 'P', channel: 'online' as const },
    phase: 'closed' as const,
  };

  it('counts one rating of its level on the day it was given, once', () => {
    const change = ratingChange(place, { level: 4, at: '2026-11-09T23:30:00+07:00' })!;
    expect(change.deltas).toEqual([{ day: '2026-11-09', counts: { rating4: 1 } }]);
    expect(ratingChange(change.after, { level: 4, at: '2026-11-09T23:30:00+07:00' })).toBeUndefined();
    expect(() => ratingChange(undefined, { level: 4, at: '2026-11-09T10:00:00+07:00' })).toThrow();
    const figures = figuresOf({}, { rating4: 3, rating5: 1, rating2: 1, rating1: 1 });
    expect(figures.rates.satisfaction).toBe(4 / 6);
    expect(figuresOf({}, {}).rates.satisfaction).toBeNull();
  });

  it('is recounted from the rating item, after the dossier’s events', () => {
    const rating: Rating = {
      level: 5,
      criteria: {},
      comment: null,
      at: '2026-11-10T08:00:00+07:00',
      agencyId: 'STP',
      procedureId: 'P',
      channel: 'counter',
      handlers: [],
    };
    const reception = {
      id: 'X#1',
      code: 'X',
      event: {
        seq: 1,
        at: '2026-11-09T08:00:00+07:00',
        actor: 'desk',
        role: 'receiver' as const,
        agencyId: 'PASC',
        action: 'intake',
        fromStatus: null,
        toStatus: 'RECEIVED' as const,
        note: null,
      },
      dossier: {
        procedureId: 'P',
        procedureName: 'p',
        channel: 'counter' as const,
        status: 'RECEIVED' as const,
        receivingAgencyId: 'PASC',
        competentAgencyId: 'STP',
        receivedAt: '2026-11-09T08:00:00+07:00',
        dueAt: '2026-11-12T17:00:00+07:00',
        finishedAt: null,
      },
    };
    const { places, items } = recount(
      [{ id: 'X#rating', code: 'X', rating }, reception],
      () => undefined,
      () => 0,
      () => true,
    );
    expect(places.get('X')).toMatchObject({ seq: 1, rated: 5 });
    expect([...items.values()].find((i) => i.level === 'year')?.counts).toMatchObject({ rating5: 1, counter: 1 });
  });
});
