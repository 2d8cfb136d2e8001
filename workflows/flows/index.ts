import { type Flow, parseFlow } from '../flow-schema';
import { birthResidenceInsurance } from './birth-residence-insurance';
import { communeToProvince } from './commune-to-province';
import { departmentConsultation } from './department-consultation';
import { landTax } from './land-tax';
import { sameDayCivilStatus } from './same-day-civil-status';
import { singleAgency } from './single-agency';

/** Every version of every flow, as analysts declared them. Add a version; never edit one that ran. */
export const FLOW_VERSIONS = [
  singleAgency,
  communeToProvince,
  departmentConsultation,
  landTax,
  birthResidenceInsurance,
  sameDayCivilStatus,
].map((f) => parseFlow(f));

/**
 * The flow version deployed for each flow id (its latest): one state machine per flow. An execution keeps the
 * definition it started with, so dossiers in progress finish on the version they began.
 */
export const FLOWS: ReadonlyMap<string, Flow> = new Map(
  [...FLOW_VERSIONS].sort((a, b) => a.version - b.version).map((f) => [f.id, f]),
);

export function flowById(id: string): Flow {
  const flow = FLOWS.get(id);
  if (!flow) throw new Error(`unknown flow ${id}; known: ${[...FLOWS.keys()].join(', ')}`);
  return flow;
}
