import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedCatalogue } from '../adapters/catalogue-repository';
import type { ProvinceSettings } from '../domain/ports';
import type { ProcedureVersion } from '../domain/procedure';

/**
 * CloudFormation custom resource (through the CDK provider framework): writes the province settings and the
 * catalogue into the table on create and update. Delete keeps the data: dossiers are pinned to these versions.
 */
export async function handler(event: CloudFormationCustomResourceEvent) {
  const physicalResourceId = `seed-${String(event.ResourceProperties.province)}`;
  if (event.RequestType !== 'Delete') {
    const settings = JSON.parse(String(event.ResourceProperties.settings)) as ProvinceSettings;
    const catalogue = JSON.parse(String(event.ResourceProperties.catalogue)) as ProcedureVersion[];
    await seedCatalogue(settings, catalogue);
  }
  return { PhysicalResourceId: physicalResourceId };
}
