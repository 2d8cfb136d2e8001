import { parallelBranches, taskStep } from '../../workflows/compile';
import { FLOW_VERSIONS, flowById } from '../../workflows/flows';
import type { StepSpec } from '../domain/dossier';
import type { FlowSteps } from '../domain/ports';

const flowOf = (flowId: string, version: number | undefined) =>
  (version !== undefined && FLOW_VERSIONS.find((f) => f.id === flowId && f.version === version)) || flowById(flowId);

/**
 * The flows as data in the function's bundle: the same declarations that `workflows/compile.ts` turns into the state
 * machines, so a decision opens the next step exactly as the state machine's open-task would. A dossier keeps the
 * flow version it started on; dossiers written before versions were recorded follow the deployed one.
 */
export class BundledFlowSteps implements FlowSteps {
  taskStep(flowId: string, version: number | undefined, stepId: string): StepSpec | undefined {
    return taskStep(flowOf(flowId, version), stepId);
  }

  parallelBranches(flowId: string, version: number | undefined, stepId: string): StepSpec[] | undefined {
    return parallelBranches(flowOf(flowId, version), stepId);
  }
}
