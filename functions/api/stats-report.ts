import ExcelJS from 'exceljs';
import type { Figures } from '../domain/figures';

/** What the report lays out (functions/use-cases/figures.ts `report`). */
interface Report {
  province: string;
  from: string;
  to: string;
  levels: { level: 'province' | 'commune'; rows: (Figures & { agencyId?: string; agencyName: string })[] }[];
}

const SHEETS = { province: 'Cấp tỉnh', commune: 'Cấp xã' } as const;

/** The columns after STT and the agency: the Circular 01/2018 groups, then the rates. */
const COLUMNS: { header: string; group: string; value: (f: Figures) => number | null; percent?: boolean }[] = [
  { group: 'Số hồ sơ nhận giải quyết', header: 'Tổng số', value: (f) => f.received.total },
  { group: 'Số hồ sơ nhận giải quyết', header: 'Kỳ trước chuyển qua', value: (f) => f.received.carriedOver },
  { group: 'Số hồ sơ nhận giải quyết', header: 'Trực tuyến', value: (f) => f.received.online },
  { group: 'Số hồ sơ nhận giải quyết', header: 'Trực tiếp', value: (f) => f.received.counter },
  { group: 'Số hồ sơ nhận giải quyết', header: 'Dịch vụ bưu chính', value: (f) => f.received.post },
  { group: 'Số hồ sơ đã giải quyết', header: 'Tổng số', value: (f) => f.finished.total },
  { group: 'Số hồ sơ đã giải quyết', header: 'Trước hạn', value: (f) => f.finished.early },
  { group: 'Số hồ sơ đã giải quyết', header: 'Đúng hạn', value: (f) => f.finished.onTime },
  { group: 'Số hồ sơ đã giải quyết', header: 'Quá hạn', value: (f) => f.finished.late },
  { group: 'Số hồ sơ đang giải quyết', header: 'Tổng số', value: (f) => f.inProgress.total },
  { group: 'Số hồ sơ đang giải quyết', header: 'Trong hạn', value: (f) => f.inProgress.withinDeadline },
  { group: 'Số hồ sơ đang giải quyết', header: 'Quá hạn', value: (f) => f.inProgress.overdue },
  { group: 'Rút hồ sơ', header: 'Rút hồ sơ', value: (f) => f.withdrawn },
  { group: 'Tạm dừng', header: 'Tạm dừng (bổ sung, nghĩa vụ tài chính, dừng xử lý)', value: (f) => f.paused },
  { group: 'Tỷ lệ (%)', header: 'Giải quyết đúng hạn', value: (f) => f.rates.onTime, percent: true },
  { group: 'Tỷ lệ (%)', header: 'Trực tuyến', value: (f) => f.rates.online, percent: true },
];

const vnDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * Báo cáo tình hình, kết quả giải quyết TTHC — the spreadsheet: one sheet per level of government, a row per agency,
 * the Circular 01/2018 groups as two header rows (group, then column), and a total row of SUM formulas (with their
 * values) whose rates are computed from the totals.
 */
export async function reportWorkbook(report: Report): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  const width = 2 + COLUMNS.length;
  for (const { level, rows } of report.levels) {
    const sheet = workbook.addWorksheet(SHEETS[level], { views: [{ state: 'frozen', ySplit: 5, xSplit: 2 }] });
    sheet.mergeCells(1, 1, 1, width);
    sheet.getCell(1, 1).value =
      `BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH — ${report.province.toUpperCase()}`;
    sheet.mergeCells(2, 1, 2, width);
    sheet.getCell(2, 1).value =
      `${SHEETS[level]} — kỳ báo cáo từ ngày ${vnDate(report.from)} đến ngày ${vnDate(report.to)}`;
    for (const cell of [sheet.getCell(1, 1), sheet.getCell(2, 1)]) cell.alignment = { horizontal: 'center' };
    sheet.getCell(1, 1).font = { bold: true, size: 13 };
    // Header: STT and the agency over two rows, then each group over its columns.
    sheet.mergeCells(4, 1, 5, 1);
    sheet.getCell(4, 1).value = 'STT';
    sheet.mergeCells(4, 2, 5, 2);
    sheet.getCell(4, 2).value = 'Cơ quan, đơn vị';
    let column = 3;
    for (const group of [...new Set(COLUMNS.map((c) => c.group))]) {
      const span = COLUMNS.filter((c) => c.group === group).length;
      if (span === 1) {
        sheet.mergeCells(4, column, 5, column);
        sheet.getCell(4, column).value = COLUMNS[column - 3]!.header;
      } else {
        sheet.mergeCells(4, column, 4, column + span - 1);
        sheet.getCell(4, column).value = group;
        for (let i = 0; i < span; i++) sheet.getCell(5, column + i).value = COLUMNS[column - 3 + i]!.header;
      }
      column += span;
    }
    for (const row of [4, 5]) {
      sheet.getRow(row).font = { bold: true };
      sheet.getRow(row).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
    sheet.getColumn(2).width = 45;
    for (let c = 3; c <= width; c++) sheet.getColumn(c).width = 12;
    rows.forEach((figures, i) => {
      const row = sheet.getRow(6 + i);
      row.getCell(1).value = i + 1;
      row.getCell(2).value = figures.agencyName;
      COLUMNS.forEach((c, j) => {
        const value = c.value(figures);
        row.getCell(3 + j).value = c.percent ? (value === null ? '—' : Math.round(value * 10000) / 100) : value;
      });
    });
    // The total: each count a SUM of the rows above (its value written too), the rates from the totals.
    const totalRow = sheet.getRow(6 + rows.length);
    totalRow.getCell(2).value = 'Tổng cộng';
    totalRow.font = { bold: true };
    const sums = COLUMNS.map((c) => (c.percent ? 0 : rows.reduce((sum, f) => sum + (c.value(f) ?? 0), 0)));
    COLUMNS.forEach((c, j) => {
      const col = sheet.getColumn(3 + j).letter;
      if (!c.percent) {
        totalRow.getCell(3 + j).value = rows.length
          ? { formula: `SUM(${col}6:${col}${5 + rows.length})`, result: sums[j]! }
          : 0;
      }
    });
    const [early, onTime, finished] = [sums[6]!, sums[7]!, sums[5]!];
    const [online, counter, post] = [sums[2]!, sums[3]!, sums[4]!];
    const percent = (num: number, den: number) => (den ? Math.round((num * 10000) / den) / 100 : '—');
    totalRow.getCell(width - 1).value = percent(early + onTime, finished);
    totalRow.getCell(width).value = percent(online, online + counter + post);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
