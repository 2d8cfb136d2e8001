import { createHash } from 'node:crypto';
import { CustomResource, Duration } from 'aws-cdk-lib';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { ProvinceSettings } from '../../functions/domain/ports';
import type { ProcedureVersion } from '../../functions/domain/procedure';
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
    const settings = JSON.stringify(props.settings);
    const catalogue = JSON.stringify(props.catalogue);
    new CustomResource(this, 'Catalogue', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::MotcuaSeed',
      properties: {
        province: props.settings.id,
        digest: createHash('sha256').update(settings).update(catalogue).digest('hex'),
        settings,
        catalogue,
      },
    });
  }
}
