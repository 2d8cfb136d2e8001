import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedCatalogue } from '../adapters/catalogue-repository';
import { getJsonObject } from '../adapters/files';
import type { ProcedureVersion } from '../domain/procedure';
import type { ProvinceSettings } from '../domain/province-settings';

/** What the deployment ships: the province settings and its whole catalogue, as one S3 asset. */
export interface SeedDocument {
  settings: ProvinceSettings;
  catalogue: ProcedureVersion[];
}

/**
 * CloudFormation custom resource (through the CDK provider framework): writes the province settings and the
 * catalogue into the table on create and update. The data comes from an S3 asset named in the properties — a
 * catalogue of hundreds of procedures would not fit in a custom resource's event. Delete keeps the data: dossiers
 * are pinned to these versions.
 */
export async function handler(event: CloudFormationCustomResourceEvent) {
  const properties = event.ResourceProperties as unknown as { province: string; bucket: string; key: string };
  const physicalResourceId = `seed-${String(properties.province)}`;
  if (event.RequestType !== 'Delete') {
    const { settings, catalogue } = await getJsonObject<SeedDocument>(properties.bucket, properties.key);
    await seedCatalogue(settings, catalogue);
  }
  return { PhysicalResourceId: physicalResourceId };
}
