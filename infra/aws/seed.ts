import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomResource, Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { ProcedureVersion } from '../../functions/domain/procedure';
import type { ProvinceSettings } from '../../functions/domain/province-settings';
import type { SeedDocument } from '../../functions/steps/seed-catalogue';
import { acknowledge, acknowledgeWildcard } from './acknowledge';
import { MotcuaFunction, type Shared } from './function';

export interface SeedProps {
  shared: Shared;
  settings: ProvinceSettings;
  catalogue: ProcedureVersion[];
}

/** Writes the province settings and catalogue into the table on every deploy that changes them. */
export class Seed extends Construct {
  constructor(scope: Construct, id: string, props: SeedProps) {
    super(scope, id);
    const fn = new MotcuaFunction(this, 'SeedFunction', {
      file: 'functions/steps/seed-catalogue.ts',
      export: 'handler',
      access: ['table:write'],
      shared: props.shared,
      timeout: Duration.minutes(5),
    });
    const provider = new Provider(this, 'Provider', { onEventHandler: fn.fn });
    // The provider framework's own function is built by CDK: its runtime, managed policy and invoke grant are CDK's.
    acknowledge(
      provider,
      'AwsSolutions-L1',
      'The custom-resource provider function and its runtime are managed by CDK.',
    );
    acknowledge(
      provider,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The CDK provider framework function writes its own logs with the basic execution role; it handles no personal data.',
    );
    acknowledgeWildcard(
      provider,
      `${fn.fn.functionArn}:*`,
      'The provider framework invokes the seed function (any version); the grant names that one function.',
    );
    // The settings and catalogue travel as an S3 asset: the template and the custom resource event stay small
    // whatever the number of procedures. The asset's hash changes with the content, which re-runs the seed.
    const document: SeedDocument = { settings: props.settings, catalogue: props.catalogue };
    const file = join(mkdtempSync(join(tmpdir(), 'motcua-seed-')), 'seed.json');
    writeFileSync(file, JSON.stringify(document));
    const asset = new Asset(this, 'Document', { path: file });
    fn.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [asset.bucket.arnForObjects(asset.s3ObjectKey)] }),
    );
    new CustomResource(this, 'Catalogue', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::MotcuaSeed',
      properties: {
        province: props.settings.id,
        digest: createHash('sha256').update(JSON.stringify(document)).digest('hex'),
        bucket: asset.s3BucketName,
        key: asset.s3ObjectKey,
      },
    });
  }
}
