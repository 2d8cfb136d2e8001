import type { ProcedureVersion } from '../../functions/domain/procedure';
import { foldVietnamese } from '../../functions/domain/text-search';
import { FLOWS } from '../../workflows/flows';
import { buildCatalogue, type ProcedureInput } from './catalogue-schema';
import type { ProvinceConfig } from './schema';

/**
 * Catalogue import — provinces publish their procedure lists as spreadsheets (Quyết định công bố danh mục TTHC).
 * One row per case of a procedure; rows with the same code and effective date are one procedure version. A version
 * is imported whole or not at all: one bad row rejects every row of its procedure, and the report names each row,
 * column and reason.
 */
export const COLUMNS = {
  id: { header: 'Mã TTHC', aliases: ['ma thu tuc', 'code', 'procedure code'] },
  name: { header: 'Tên thủ tục', aliases: ['ten tthc', 'name'] },
  sector: { header: 'Lĩnh vực', aliases: ['sector'] },
  agency: { header: 'Cơ quan giải quyết', aliases: ['competent agency', 'agency'] },
  receiving: { header: 'Cơ quan tiếp nhận', aliases: ['receiving agencies'] },
  onlineMode: { header: 'Mức độ DVCTT', aliases: ['dich vu cong truc tuyen', 'muc do dvc', 'online mode'] },
  effectiveFrom: { header: 'Hiệu lực từ', aliases: ['effective from'] },
  legalBasis: { header: 'Căn cứ pháp lý', aliases: ['legal basis'] },
  components: { header: 'Thành phần hồ sơ', aliases: ['components'] },
  caseId: { header: 'Mã trường hợp', aliases: ['case id'] },
  caseName: { header: 'Trường hợp', aliases: ['case', 'case name'] },
  duration: { header: 'Thời hạn', aliases: ['thoi han giai quyet', 'duration'] },
  unit: { header: 'Đơn vị thời hạn', aliases: ['duration unit'] },
  feeCounter: { header: 'Phí trực tiếp', aliases: ['le phi truc tiep', 'fee counter'] },
  feeOnline: { header: 'Phí trực tuyến', aliases: ['le phi truc tuyen', 'fee online'] },
  flow: { header: 'Quy trình', aliases: ['flow'] },
  source: { header: 'Nguồn', aliases: ['source'] },
} as const;
export type Column = keyof typeof COLUMNS;
const OPTIONAL: ReadonlySet<Column> = new Set(['agency', 'caseId', 'feeCounter', 'feeOnline', 'effectiveFrom']);

export interface RowProblem {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportPlan {
  versions: ProcedureVersion[];
  /** Rows of the versions above, by `id@effectiveFrom`. */
  rowsOf: Record<string, number[]>;
  rejected: RowProblem[];
  /** Rows rejected because another row of their procedure was bad. */
  rejectedRows: number[];
}

const UNITS: Record<string, ProcedureVersion['cases'][number]['duration']['unit']> = {
  'ngay lam viec': 'working_days',
  working_days: 'working_days',
  ngay: 'calendar_days',
  'ngay (lich)': 'calendar_days',
  calendar_days: 'calendar_days',
  gio: 'hours',
  'gio lam viec': 'hours',
  hours: 'hours',
  'trong ngay': 'same_day',
  same_day: 'same_day',
};
const ONLINE: Record<string, ProcedureVersion['onlineMode']> = {
  'toan trinh': 'full',
  full: 'full',
  'mot phan': 'partial',
  partial: 'partial',
  khong: 'none',
  none: 'none',
};

/** Maps the header row to columns; a missing required column rejects the file before any row is read. */
export function mapHeader(header: string[]): { columns: Partial<Record<Column, number>>; missing: string[] } {
  const columns: Partial<Record<Column, number>> = {};
  header.forEach((cell, index) => {
    const folded = foldVietnamese(cell);
    for (const [key, spec] of Object.entries(COLUMNS) as [Column, (typeof COLUMNS)[Column]][]) {
      const names: readonly string[] = [foldVietnamese(spec.header), ...spec.aliases];
      if (names.includes(folded) && columns[key] === undefined) columns[key] = index;
    }
  });
  const missing = (Object.keys(COLUMNS) as Column[])
    .filter((key) => columns[key] === undefined && !OPTIONAL.has(key))
    .map((key) => COLUMNS[key].header);
  return { columns, missing };
}

const list = (text: string) =>
  text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

interface ParsedRow {
  row: number;
  key: string;
  procedure: Omit<ProcedureInput, 'cases'>;
  procedureCase: ProcedureInput['cases'][number];
}
/** A row that failed its own checks still belongs to its procedure, whose other rows it rejects. */
type RowOutcome = ParsedRow | { row: number; key: string; bad: true };

/**
 * Reads the rows (cells as text, the header first) into procedure versions for a province. `effectiveFrom` applies
 * to rows that leave their effective date empty.
 */
export function planImport(
  table: string[][],
  province: ProvinceConfig,
  options: { effectiveFrom?: string } = {},
): ImportPlan {
  const [header = [], ...body] = table;
  const { columns, missing } = mapHeader(header);
  if (missing.length > 0) {
    return {
      versions: [],
      rowsOf: {},
      rejected: [{ row: 1, column: missing.join(', '), message: 'missing column(s)' }],
      rejectedRows: body.map((_, i) => i + 2),
    };
  }
  const byCode = new Map(province.agencies.map((a) => [a.code, a.id]));
  const agencyIds = new Set(province.agencies.map((a) => a.id));
  const rejected: RowProblem[] = [];
  const parsed: RowOutcome[] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => !c?.trim())) return;
    const get = (key: Column) => (columns[key] === undefined ? '' : (cells[columns[key]!] ?? '').trim());
    const problems: RowProblem[] = [];
    const bad = (key: Column, message: string) => problems.push({ row, column: COLUMNS[key].header, message });
    const agency = (key: Column, value: string) => {
      const id = byCode.get(value) ?? (agencyIds.has(value) ? value : undefined);
      if (!id) bad(key, `unknown agency ${JSON.stringify(value)} (use its code or identifier)`);
      return id ?? value;
    };

    const id = get('id');
    if (!/^\d\.\d{6}$/.test(id)) bad('id', `${JSON.stringify(id)} is not a national procedure code like 1.004194`);
    for (const key of ['name', 'sector', 'caseName', 'legalBasis', 'components', 'source'] as const) {
      if (get(key).length < 2) bad(key, 'required');
    }
    const effectiveFrom = get('effectiveFrom') || options.effectiveFrom || '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) || Number.isNaN(Date.parse(effectiveFrom))) {
      bad('effectiveFrom', `${JSON.stringify(effectiveFrom)} is not a date YYYY-MM-DD (or pass --effective-from)`);
    }
    const onlineMode = ONLINE[foldVietnamese(get('onlineMode'))];
    if (!onlineMode) bad('onlineMode', 'expected toàn trình, một phần or không (full, partial, none)');
    const unit = UNITS[foldVietnamese(get('unit'))];
    if (!unit) bad('unit', 'expected ngày làm việc, ngày, giờ or trong ngày');
    const durationText = get('duration').replace(',', '.');
    const duration = unit === 'same_day' && durationText === '' ? 0 : Number(durationText);
    if (durationText !== '' && !(Number.isFinite(duration) && duration >= 0)) bad('duration', 'not a number');
    if (durationText === '' && unit !== 'same_day') bad('duration', 'required');
    const fee = (key: 'feeCounter' | 'feeOnline') => {
      const text = get(key).replace(/[.\s]|đ$|vnd$/gi, '');
      const amount = text === '' ? 0 : Number(text);
      if (!Number.isInteger(amount) || amount < 0) bad(key, 'a whole amount in đồng');
      return amount;
    };
    const feeCounter = fee('feeCounter');
    const feeOnline = fee('feeOnline');
    const flowId = get('flow');
    if (!FLOWS.has(flowId))
      bad('flow', `unknown flow ${JSON.stringify(flowId)}; known: ${[...FLOWS.keys()].join(', ')}`);
    const agencyCell = get('agency');
    const agencyId = agencyCell ? agency('agency', agencyCell) : undefined;
    const receiving = list(get('receiving')).map((v) => agency('receiving', v));
    if (receiving.length === 0) bad('receiving', 'at least one receiving agency');
    const components = list(get('components')).map((entry) => {
      const match = /^([A-Z0-9_]{2,20})(\?)?\s*:\s*(.{3,})$/.exec(entry);
      if (!match) {
        bad('components', `${JSON.stringify(entry)}: expected "CODE: name" (CODE?: for an optional component)`);
        return { code: 'X', name: entry, mandatory: true };
      }
      return { code: match[1]!, name: match[3]!, mandatory: !match[2] };
    });
    const caseId =
      get('caseId') ||
      foldVietnamese(get('caseName'))
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) ||
      'standard';
    if (problems.length > 0) {
      rejected.push(...problems);
      parsed.push({ row, key: `${id}@${effectiveFrom}`, bad: true });
      return;
    }
    parsed.push({
      row,
      key: `${id}@${effectiveFrom}`,
      procedure: {
        id,
        name: get('name'),
        sector: get('sector'),
        ...(agencyId ? { agencyId } : {}),
        receivingAgencyIds: receiving,
        onlineMode: onlineMode!,
        effectiveFrom,
        legalBasis: list(get('legalBasis')),
        source: get('source'),
        components,
      },
      procedureCase: {
        id: caseId,
        name: get('caseName'),
        duration: { value: duration, unit: unit! },
        fees: [
          ...(feeCounter > 0
            ? [{ name: 'Phí, lệ phí (trực tiếp)', amount: feeCounter, channel: 'counter' as const }]
            : []),
          ...(feeOnline > 0
            ? [{ name: 'Phí, lệ phí (trực tuyến)', amount: feeOnline, channel: 'online' as const }]
            : []),
        ],
        flowId,
      },
    });
  });

  // One procedure version per key: any bad row rejects all its rows; its rows must agree on the procedure.
  const groups = new Map<string, RowOutcome[]>();
  for (const p of parsed) groups.set(p.key, [...(groups.get(p.key) ?? []), p]);
  const versions: ProcedureVersion[] = [];
  const rowsOf: Record<string, number[]> = {};
  const rejectedRows: number[] = [];
  const badRows = new Set(rejected.map((r) => r.row));
  for (const [key, outcomes] of groups) {
    const numbers = outcomes.map((r) => r.row);
    const reject = (problems: RowProblem[]) => {
      rejected.push(...problems);
      rejectedRows.push(...numbers.filter((n) => !badRows.has(n) && !problems.some((p) => p.row === n)));
    };
    const rows = outcomes.filter((r): r is ParsedRow => !('bad' in r));
    if (rows.length < outcomes.length) {
      rejectedRows.push(...numbers.filter((n) => !badRows.has(n)));
      continue;
    }
    const [first, ...rest] = rows as [ParsedRow, ...ParsedRow[]];
    const conflicts = rest.filter((r) => JSON.stringify(r.procedure) !== JSON.stringify(first.procedure));
    const duplicateCases = rows.filter(
      (r, i) => rows.findIndex((o) => o.procedureCase.id === r.procedureCase.id) !== i,
    );
    const problems = [
      ...conflicts.map((r) => ({
        row: r.row,
        column: '(procedure)',
        message: `differs from row ${first.row} of the same procedure and effective date`,
      })),
      ...duplicateCases.map((r) => ({ row: r.row, column: COLUMNS.caseId.header, message: 'duplicate case' })),
    ];
    if (problems.length > 0) {
      reject(problems);
      continue;
    }
    try {
      const [version] = buildCatalogue([{ ...first.procedure, cases: rows.map((r) => r.procedureCase) }], province);
      versions.push(version!);
      rowsOf[key] = numbers;
    } catch (error) {
      const lines = (error as Error).message.split('\n').slice(1);
      reject(lines.map((line) => ({ row: first.row, column: '(procedure)', message: line.replace(/^\s*-\s*/, '') })));
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { versions, rowsOf, rejected, rejectedRows: [...new Set(rejectedRows)].sort((a, b) => a - b) };
}

/** The report printed by `npm run catalog:import`. */
export function formatReport(plan: ImportPlan, outcome?: { created: string[]; existing: string[] }) {
  const lines: string[] = [];
  const rows = [...new Set([...plan.rejected.map((r) => r.row), ...plan.rejectedRows])];
  if (rows.length > 0) {
    lines.push(`Rejected ${rows.length} row(s); nothing of their procedures was imported:`);
    for (const problem of plan.rejected) lines.push(`  row ${problem.row}  [${problem.column}] ${problem.message}`);
    if (plan.rejectedRows.length > 0)
      lines.push(`  rows ${plan.rejectedRows.join(', ')}: same procedure as a rejected row`);
  }
  if (!outcome) {
    lines.push(`Valid: ${plan.versions.length} procedure version(s) (dry run, nothing written)`);
  } else {
    lines.push(
      `Imported ${outcome.created.length} new procedure version(s)${outcome.created.length ? `: ${outcome.created.join(', ')}` : ''}`,
    );
    if (outcome.existing.length > 0) {
      lines.push(`Not imported, the version already exists (never rewritten): ${outcome.existing.join(', ')}`);
      for (const key of outcome.existing) lines.push(`  rows ${plan.rowsOf[key]?.join(', ')}: ${key} exists`);
    }
  }
  return lines.join('\n');
}
