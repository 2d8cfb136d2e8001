import { type Flow, parseFlow } from '../flow-schema';
import { singleAgency } from './single-agency';

/** Every flow of the catalogue, validated once: an invalid flow fails synth and start naming the flow and step. */
export const FLOWS: ReadonlyMap<string, Flow> = new Map([singleAgency].map((f) => [f.id, parseFlow(f)]));

export function flowById(id: string): Flow {
  const flow = FLOWS.get(id);
  if (!flow) throw new Error(`unknown flow ${id}; known: ${[...FLOWS.keys()].join(', ')}`);
  return flow;
}
