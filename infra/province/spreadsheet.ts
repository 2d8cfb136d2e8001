import ExcelJS from 'exceljs';

/** A cell as the text a person sees: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Reads the first worksheet of an .xlsx, or a .csv (UTF-8), into rows of cell texts, the header first. */
export async function readTable(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (file.toLowerCase().endsWith('.csv')) {
    sheet = await workbook.csv.readFile(file, { parserOptions: { delimiter: ',', quote: '"' } });
  } else {
    await workbook.xlsx.readFile(file);
    sheet = workbook.worksheets[0];
  }
  if (!sheet) throw new Error(`${file}: no worksheet`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value).trim();
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Writes rows to an .xlsx (tests and the template command build spreadsheets the way provinces send them). */
export async function writeTable(file: string, rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh mục TTHC');
  for (const row of rows) sheet.addRow(row);
  if (file.toLowerCase().endsWith('.csv')) await workbook.csv.writeFile(file);
  else await workbook.xlsx.writeFile(file);
}
