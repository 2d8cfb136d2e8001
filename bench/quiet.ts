// Imported first by bench/run.ts: the logger reads its level when its module loads.
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
