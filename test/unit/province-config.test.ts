import { describe, expect, it } from 'vitest';
import { loadProvince } from '../../infra/province';
import { buildCatalogue } from '../../infra/province/catalogue-schema';
import { phuTho } from '../../infra/province/phu-tho/province';
import { parseProvince } from '../../infra/province/schema';

describe('province configuration', () => {
  it('loads Phú Thọ with its PASC, departments, police, communes and 2025–2027 holidays', () => {
    const { province, catalogue } = loadProvince('phu-tho');
    const kinds = province.agencies.map((a) => a.kind);
    expect(kinds.filter((k) => k === 'pasc')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'department').length).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain('police');
    expect(kinds.filter((k) => k === 'commune').length).toBeGreaterThanOrEqual(3);
    for (const year of ['2025', '2026', '2027'])
      expect(province.holidays.some((h) => h.date.startsWith(year))).toBe(true);
    expect(catalogue.length).toBeGreaterThanOrEqual(5);
    for (const procedure of catalogue)
      for (const c of procedure.cases) expect(Object.keys(c.stepHours).length).toBeGreaterThan(0);
  });

  it('fails with a message naming each offending field', () => {
    const broken = structuredClone(phuTho) as unknown as Record<string, any>;
    broken.agencies[1].id = 'So Tu Phap';
    broken.officeHours.sessions[0].start = '7h';
    broken.agencies[2].unitId = 'NOWHERE';
    expect(() => parseProvince(broken, 'test')).toThrow(
      /agencies\.1\.id[\s\S]*officeHours\.sessions\.0\.start|officeHours\.sessions\.0\.start[\s\S]*agencies\.1\.id/,
    );
    expect(() => parseProvince(broken, 'test')).toThrow(/agencies\.2\.unitId: unknown unit NOWHERE/);
    expect(() => loadProvince('atlantis')).toThrow(/Unknown province "atlantis"/);
  });

  it('refuses a catalogue entry that names an unknown agency or flow', () => {
    const { province } = loadProvince('phu-tho');
    const entry = {
      id: '1.000001',
      name: 'Thủ tục thử',
      sector: 'Thử',
      agencyId: '999.99.99.H99',
      receivingAgencyIds: ['000.00.01.H45'],
      onlineMode: 'full',
      effectiveFrom: '2026-01-01',
      legalBasis: ['Luật thử'],
      source: 'unit test',
      components: [{ code: 'DON', name: 'Đơn', mandatory: true }],
      cases: [
        {
          id: 'normal',
          name: 'Thường',
          duration: { value: 1, unit: 'working_days' },
          fees: [],
          flowId: 'no-such-flow',
        },
      ],
    };
    expect(() => buildCatalogue([entry], province)).toThrow(
      /unknown agency 999\.99\.99\.H99[\s\S]*unknown flow no-such-flow/,
    );
  });
});
