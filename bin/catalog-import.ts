import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProvince } from '../infra/province';
import { formatReport, planImport } from '../infra/province/catalogue-import';
import { readTable } from '../infra/province/spreadsheet';
import { connect } from './target-table';

/**
 * npm run catalog:import -- <file.xlsx|file.csv> [--effective-from YYYY-MM-DD] [--dry-run] [--province phu-tho]
 *
 * Validates every row against the province configuration and its flows, prints the rejected rows with their column
 * and reason, and adds each valid procedure version (never rewriting one that exists). It writes to the table named
 * by TABLE_NAME with the usual AWS credentials, or else to the local runtime (`npm start`) under MOTCUA_DATA_DIR,
 * starting DynamoDB Local on its data for the import when the runtime is not running.
 * Exit code: 0 all rows imported, 2 some rows rejected or versions already present, 1 the import could not run.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'effective-from': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    province: { type: 'string', default: process.env.MOTCUA_PROVINCE ?? 'phu-tho' },
  },
});

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const file = positionals[0];
  if (!file)
    throw new Error('usage: npm run catalog:import -- <file.xlsx|file.csv> [--effective-from YYYY-MM-DD] [--dry-run]');
  const { province } = loadProvince(values.province!);
  const table = await readTable(resolve(file));
  const plan = planImport(table, province, values['effective-from'] ? { effectiveFrom: values['effective-from'] } : {});
  if (values['dry-run']) {
    console.log(formatReport(plan));
    return plan.rejected.length > 0 ? 2 : 0;
  }
  const stop = await connect();
  try {
    const { addProcedureVersions } = await import('../functions/adapters/catalogue-repository');
    const outcome = await addProcedureVersions(plan.versions);
    console.log(formatReport(plan, outcome));
    return plan.rejected.length > 0 || outcome.existing.length > 0 ? 2 : 0;
  } finally {
    await stop();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`catalog:import: ${(error as Error).message}`);
  process.exitCode = 1;
}
