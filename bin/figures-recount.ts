import { parseArgs } from 'node:util';
import { connect } from './target-table';

/**
 * npm run figures:recount -- [--apply] [--show 20]
 *
 * Computes every figure again from the dossiers' history and prints how the stored figures differ (counter items and
 * dossiers' places); with --apply, rewrites what differs. Works on the table named by TABLE_NAME with the usual AWS
 * credentials, or else on the local runtime's data (MOTCUA_DATA_DIR). Rewrite only while no event is being applied.
 * Exit code: 0 no difference (or all rewritten), 2 differences left, 1 the recount could not run.
 */
const { values } = parseArgs({
  options: { apply: { type: 'boolean', default: false }, show: { type: 'string', default: '20' } },
});

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const stop = await connect();
  try {
    const { recountFigures } = await import('../functions/use-cases/recount-figures');
    const { DynamoFigureHistory } = await import('../functions/adapters/figure-repository');
    const { DynamoCatalogueStore } = await import('../functions/adapters/catalogue-repository');
    const ports = { figureHistory: new DynamoFigureHistory(), catalogue: new DynamoCatalogueStore() };
    const report = await recountFigures(ports, { apply: values.apply! });
    const { items, places } = report.differences;
    console.log(
      `figures recount: ${report.events} events of ${report.dossiers} received dossiers, ${report.items} counter items`,
    );
    console.log(`  differences: ${items.length} counter items, ${places.length} dossiers' places`);
    for (const d of items.slice(0, Number(values.show))) {
      console.log(`    ${d.id}: stored ${JSON.stringify(d.stored)}, recounted ${JSON.stringify(d.expected)}`);
    }
    if (places.length) console.log(`    places: ${places.slice(0, Number(values.show)).join(', ')}`);
    if (report.rewritten) console.log('  rewritten: the stored figures are now the recounted ones');
    return items.length + places.length === 0 || report.rewritten ? 0 : 2;
  } finally {
    await stop();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`figures:recount: ${(error as Error).message}`);
  process.exitCode = 1;
}
