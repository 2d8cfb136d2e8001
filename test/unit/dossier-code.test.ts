import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterKey, formatDossierCode, parseDossierCode } from '../../functions/domain/dossier-code';

describe('dossier code <agency>-<YYMMDD>-<NNNN>', () => {
  it('uses the reception date in Vietnam time, not UTC', () => {
    // 17:30 UTC on 01/03/2026 is 00:30 on 02/03/2026 in Hà Nội.
    expect(formatDossierCode('000.00.12.H45', Date.parse('2026-03-01T17:30:00Z'), 7)).toBe('000.00.12.H45-260302-0007');
    expect(counterKey('000.00.12.H45', Date.parse('2026-03-01T16:59:59Z'))).toBe('000.00.12.H45#260301');
  });

  it('keeps counting past 9999 instead of wrapping into a duplicate', () => {
    expect(formatDossierCode('000.00.12.H45', Date.parse('2026-03-02T03:00:00Z'), 10000)).toBe(
      '000.00.12.H45-260302-10000',
    );
  });

  it('refuses a sequence that is not a positive integer', () => {
    expect(() => formatDossierCode('000.00.12.H45', 0, 0)).toThrow(RangeError);
  });

  it('parses back what it formats (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2030-01-01') }),
        (seq, at) => {
          const parsed = parseDossierCode(formatDossierCode('000.31.01.H45', at, seq));
          expect(parsed).toMatchObject({ agencyId: '000.31.01.H45', sequence: seq });
        },
      ),
    );
    expect(parseDossierCode('../../etc/passwd')).toBeUndefined();
  });
});
