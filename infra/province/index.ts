import type { ProcedureVersion } from '../../functions/domain/procedure';
import { buildCatalogue } from './catalogue-schema';
import { catalogue as phuThoCatalogue } from './phu-tho/catalogue';
import { phuTho } from './phu-tho/province';
import { type ProvinceConfig, parseProvince } from './schema';

const PROVINCES: Record<string, { province: unknown; catalogue: unknown[] }> = {
  'phu-tho': { province: phuTho, catalogue: phuThoCatalogue },
};

export interface LoadedProvince {
  province: ProvinceConfig;
  catalogue: ProcedureVersion[];
}

/** Loads and validates a province: an invalid config fails synth and start with the offending fields. */
export function loadProvince(id: string): LoadedProvince {
  const entry = PROVINCES[id];
  if (!entry) throw new Error(`Unknown province "${id}". Known provinces: ${Object.keys(PROVINCES).join(', ')}`);
  const province = parseProvince(entry.province, `infra/province/${id}`);
  return { province, catalogue: buildCatalogue(entry.catalogue, province) };
}
