import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { COLUMNS } from '../../infra/province/catalogue-import';
import { writeTable } from '../../infra/province/spreadsheet';
import { apiClient } from '../support/http';

const dataDir = mkdtempSync(join(tmpdir(), 'motcua-catalogue-'));
let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
  api = apiClient(runtime.url);
  await api.call('POST', '/local/clock', { body: { now: '2026-11-23T09:00:00+07:00', frozen: true } });
});
afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const search = async (query: string) => {
  const reply = await api.call('GET', `/procedures?${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { items: { id: string; name: string }[]; nextCursor: string | null; total: number };
};

describe('GET /procedures: search and filters over the catalogue in force', () => {
  it('ignores case and diacritics (in any Unicode form) and ranks name matches first', async () => {
    const folded = await search('q=dang%20ky%20khai%20sinh');
    expect(folded.items[0]?.id).toBe('1.001193');
    expect(folded.items.map((p) => p.id)).toContain('3.000722');
    const upper = await search(`q=${encodeURIComponent('ĐĂNG KÝ KHAI SINH')}`);
    const decomposed = await search(`q=${encodeURIComponent('Đăng ký khai sinh'.normalize('NFD'))}`);
    expect(upper.items).toEqual(folded.items);
    expect(decomposed.items).toEqual(folded.items);
    // A name match outranks a sector match.
    const civil = await search('q=ho%20tich');
    expect(civil.items[0]?.name.toLowerCase()).toContain('hộ tịch');
    expect((await search('q=1.004194')).items.map((p) => p.id)).toEqual(['1.004194']);
    expect((await search('q=zzzz')).items).toEqual([]);
  });

  it('filters by agency (competent or receiving), sector and online mode', async () => {
    const police = await search('agencyId=000.30.01.H45');
    expect(police.items.map((p) => p.id).sort()).toEqual(['1.002755', '1.003197', '1.004194', '1.004222']);
    const civil = await search(`sector=${encodeURIComponent('hộ tịch')}&limit=50`);
    expect(civil.total).toBe(6);
    expect((await search('onlineMode=none')).items.map((p) => p.id)).toEqual(['2.000884']);
    const land = await search('q=dat&sector=Dat%20dai&agencyId=000.00.01.H45');
    expect(land.items.map((p) => p.id).sort()).toEqual(['1.012753', '1.013831']);
  });

  it('pages through every procedure with an opaque cursor bound to its query', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await search(`limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(21);
    const first = await search('limit=5');
    const misused = await api.call('GET', `/procedures?q=ho%20tich&cursor=${first.nextCursor}`);
    expect(misused.status).toBe(400);
    expect(misused.body.error.code).toBe('INVALID_CURSOR');
  });
});

describe('npm run catalog:import against the running local runtime', () => {
  it('imports the good rows as new versions in force from their date, names the 3 bad rows, and never rewrites', async () => {
    const file = join(dataDir, 'quyet-dinh-cong-bo.xlsx');
    const header = Object.values(COLUMNS).map((c) => c.header);
    const row = (values: Partial<Record<keyof typeof COLUMNS, string>>) =>
      (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((k) => values[k] ?? '');
    const good = {
      id: '2.000908',
      name: 'Cấp bản sao từ sổ gốc',
      sector: 'Chứng thực',
      receiving: 'UBND-VIET-TRI',
      onlineMode: 'một phần',
      legalBasis: 'Nghị định 23/2015/NĐ-CP',
      components: 'DON: Đơn đề nghị cấp bản sao từ sổ gốc',
      caseName: 'Trong ngày',
      unit: 'trong ngày',
      flow: 'same-day-civil-status',
      source: 'domain-research §f #18 [S]',
    };
    await writeTable(file, [
      header,
      row(good),
      row({ ...good, id: '2.00090' }),
      row({ ...good, id: '1.000005', agency: 'SO-KHONG-CO' }),
      row({ ...good, id: '1.000006', onlineMode: 'có lẽ' }),
    ]);
    const run = () =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'bin/catalog-import.ts', file, '--effective-from', '2026-12-01'],
        { env: { ...process.env, MOTCUA_DATA_DIR: dataDir, TABLE_NAME: '' } },
      ).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const first = await run();
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('Rejected 3 row(s)');
    expect(first.stdout).toMatch(/row 3 {2}\[Mã TTHC\]/);
    expect(first.stdout).toMatch(/row 4 {2}\[Cơ quan giải quyết\] unknown agency "SO-KHONG-CO"/);
    expect(first.stdout).toMatch(/row 5 {2}\[Mức độ DVCTT\]/);
    expect(first.stdout).toContain('Imported 1 new procedure version(s): 2.000908@2026-12-01');

    // Not in force yet; in force from its date; the rejected rows nowhere.
    expect((await search('q=ban%20sao%20tu%20so%20goc')).items).toEqual([]);
    await api.call('POST', '/local/clock', { body: { now: '2026-12-01T08:00:00+07:00', frozen: true } });
    const found = await api.until(
      () => search('q=ban%20sao%20tu%20so%20goc'),
      (r) => r.items.length === 1,
      'the imported procedure',
    );
    expect(found.items[0]).toMatchObject({ id: '2.000908', effectiveFrom: '2026-12-01' });
    const detail = await api.call('GET', '/procedures/2.000908');
    expect(detail.body.cases[0]).toMatchObject({ flowId: 'same-day-civil-status', duration: { unit: 'same_day' } });
    for (const id of ['1.000005', '1.000006']) expect((await api.call('GET', `/procedures/${id}`)).status).toBe(404);

    const again = await run();
    expect(again.code).toBe(2);
    expect(again.stdout).toContain('already exists (never rewritten): 2.000908@2026-12-01');
  }, 60_000);
});
