import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ProvinceStack } from '../../infra/aws/province-stack';
import { loadProvince } from '../../infra/province';

/** Synthesises an app under AwsSolutionsChecks and returns every unacknowledged finding. */
function findings(build: (app: App) => void): { rule: string; path: string }[] {
  const outdir = mkdtempSync(join(tmpdir(), 'motcua-nag-'));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  build(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let failure: Error | undefined;
  try {
    app.synth();
  } catch (error) {
    failure = error as Error;
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: {
      violations?: { ruleName: string; violatingConstructs?: { constructPath?: string }[] }[];
    }[];
  };
  const found = report.pluginReports.flatMap((r) =>
    (r.violations ?? []).flatMap((v) =>
      (v.violatingConstructs ?? [{}]).map((c) => ({ rule: v.ruleName, path: c.constructPath ?? '' })),
    ),
  );
  if (failure && found.length === 0) throw failure;
  return found;
}

describe('cdk-nag AwsSolutionsChecks', () => {
  it('finds what it should: an unprotected bucket is reported (the check is live)', () => {
    const found = findings((app) => new Bucket(new Stack(app, 'Careless'), 'Open'));
    expect(found.map((f) => f.rule)).toEqual(expect.arrayContaining([expect.stringContaining('S1')]));
  });

  it('passes the Phú Thọ stack with zero unacknowledged findings, every acknowledgement justified in code', () => {
    const { province, catalogue } = loadProvince('phu-tho');
    const found = findings(
      (app) =>
        new ProvinceStack(app, 'motcua-phu-tho', {
          province,
          catalogue,
          env: { account: '111111111111', region: 'ap-southeast-1' },
        }),
    );
    expect(found).toEqual([]);
  });
});
