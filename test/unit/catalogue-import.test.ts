import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProvince } from '../../infra/province';
import { COLUMNS, formatReport, planImport } from '../../infra/province/catalogue-import';
import { readTable, writeTable } from '../../infra/province/spreadsheet';

const { province } = loadProvince('phu-tho');
const header = Object.values(COLUMNS).map((c) => c.header);
type Row = Partial<Record<keyof typeof COLUMNS, string | number>>;
const row = (r: Row) => (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((k) => String(r[k] ?? ''));

const good: Row = {
  id: '2.000908',
  name: 'Cấp bản sao từ sổ gốc',
  sector: 'Chứng thực',
  receiving: 'UBND-VIET-TRI; UBND-VINH-YEN',
  onlineMode: 'một phần',
  effectiveFrom: '2026-12-01',
  legalBasis: 'Nghị định 23/2015/NĐ-CP',
  components: 'DON: Đơn đề nghị cấp bản sao từ sổ gốc\nUY_QUYEN?: Văn bản ủy quyền',
  caseName: 'Trong ngày',
  unit: 'trong ngày',
  flow: 'same-day-civil-status',
  source: 'domain-research §f #18 [S]',
};

async function roundTrip(rows: Row[], ext = 'xlsx') {
  const file = join(mkdtempSync(join(tmpdir(), 'motcua-import-')), `danh-muc.${ext}`);
  await writeTable(file, [header, ...rows.map(row)]);
  return readTable(file);
}

describe('catalogue import from a spreadsheet', () => {
  it('imports valid rows as procedure versions with their cases, fees and components', async () => {
    const table = await roundTrip([
      good,
      {
        ...good,
        id: '2.001610',
        name: 'Đăng ký thành lập doanh nghiệp tư nhân',
        sector: 'Doanh nghiệp',
        agency: 'STC',
        receiving: 'PASC',
        onlineMode: 'toàn trình',
        caseId: 'standard',
        caseName: 'Thành lập mới',
        duration: 3,
        unit: 'ngày làm việc',
        feeCounter: '50.000',
        flow: 'single-agency',
        components: 'GIAY_DE_NGHI: Giấy đề nghị đăng ký doanh nghiệp',
      },
      {
        ...good,
        id: '2.001610',
        name: 'Đăng ký thành lập doanh nghiệp tư nhân',
        sector: 'Doanh nghiệp',
        agency: '000.00.06.H45',
        receiving: 'PASC',
        onlineMode: 'toàn trình',
        caseId: 'online',
        caseName: 'Nộp trực tuyến',
        duration: 2,
        unit: 'ngày làm việc',
        flow: 'single-agency',
        components: 'GIAY_DE_NGHI: Giấy đề nghị đăng ký doanh nghiệp',
      },
    ]);
    const plan = planImport(table, province);
    expect(plan.rejected).toEqual([]);
    expect(plan.versions.map((v) => `${v.id}@${v.effectiveFrom}`)).toEqual([
      '2.000908@2026-12-01',
      '2.001610@2026-12-01',
    ]);
    const [copy, enterprise] = plan.versions;
    expect(copy).toMatchObject({
      receivingAgencyIds: ['000.31.01.H45', '000.31.02.H45'],
      onlineMode: 'partial',
      components: [
        { code: 'DON', mandatory: true },
        { code: 'UY_QUYEN', mandatory: false },
      ],
    });
    expect(copy!.agencyId).toBeUndefined();
    expect(copy!.cases[0]).toMatchObject({ id: 'trong-ngay', duration: { value: 0, unit: 'same_day' } });
    expect(copy!.cases[0]!.stepHours).toEqual({ reception: 1, recording: 2, signing: 1, delivery: 1 });
    expect(enterprise!.agencyId).toBe('000.00.06.H45');
    expect(enterprise!.cases.map((c) => [c.id, c.duration.value, c.fees.map((f) => f.amount)])).toEqual([
      ['standard', 3, [50000]],
      ['online', 2, []],
    ]);
  });

  it('rejects 3 bad rows whole, naming each row and column, and imports the rest', async () => {
    const table = await roundTrip([
      good,
      { ...good, id: '1.23' },
      { ...good, id: '1.000002', receiving: 'UBND-NOWHERE' },
      { ...good, id: '1.000003', flow: 'no-such-flow', unit: 'tuần' },
    ]);
    const plan = planImport(table, province);
    expect(plan.versions.map((v) => v.id)).toEqual(['2.000908']);
    expect(plan.rejected.map((p) => [p.row, p.column])).toEqual([
      [3, 'Mã TTHC'],
      [4, 'Cơ quan tiếp nhận'],
      [5, 'Đơn vị thời hạn'],
      [5, 'Thời hạn'],
      [5, 'Quy trình'],
    ]);
    const report = formatReport(plan);
    expect(report).toContain('Rejected 3 row(s)');
    expect(report).toMatch(/row 4 {2}\[Cơ quan tiếp nhận\] unknown agency "UBND-NOWHERE"/);
  });

  it('rejects every row of a procedure when one of its rows is bad, or when its rows disagree', async () => {
    const table = await roundTrip(
      [
        good,
        { ...good, caseId: 'second', caseName: 'Lần hai', duration: 'hai' },
        { ...good, id: '1.000004', sector: 'Hộ tịch' },
        { ...good, id: '1.000004', sector: 'Chứng thực', caseId: 'other', caseName: 'Khác' },
      ],
      'csv',
    );
    const plan = planImport(table, province);
    expect(plan.versions).toEqual([]);
    expect(plan.rejected.map((p) => [p.row, p.column])).toEqual([
      [3, 'Thời hạn'],
      [5, '(procedure)'],
    ]);
    expect(plan.rejectedRows).toEqual([2, 4]);
  });

  it('takes the effective date from the command line for rows that leave it empty, and refuses a file without columns', () => {
    const plan = planImport([header, row({ ...good, effectiveFrom: '' })], province, { effectiveFrom: '2027-01-01' });
    expect(plan.versions[0]?.effectiveFrom).toBe('2027-01-01');
    expect(planImport([header, row({ ...good, effectiveFrom: '' })], province).rejected[0]?.column).toBe('Hiệu lực từ');
    const missing = planImport(
      [
        ['Mã TTHC', 'Tên thủ tục'],
        ['2.000908', 'x'],
      ],
      province,
    );
    expect(missing.rejected[0]).toMatchObject({ row: 1, message: 'missing column(s)' });
    expect(missing.rejected[0]?.column).toContain('Quy trình');
  });
});
