import { createHash } from 'node:crypto';
import { CustomResource, Duration } from 'aws-cdk-lib';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { ProvinceSettings } from '../../functions/domain/ports';
import type { ProcedureVersion } from '../../functions/domain/procedure';
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
