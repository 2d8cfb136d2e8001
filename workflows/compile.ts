import { DOSSIER_CLOSED, STEP_SUPERSEDED, type StepSpec } from '../functions/domain/dossier';
import type { Access } from '../functions/routes';
import {
  type Branch,
  END,
  type Flow,
  type FlowStep,
  isParallel,
  JOIN,
  NO_ANSWER,
  type ParallelStep,
} from './flow-schema';

/**
 * The Lambda tasks every compiled flow calls, by the substitution key that CDK (`definitionSubstitutions`) and the
 * local host fill with the function's ARN. Keys and handler files are listed once here.
 */
export const STEP_FUNCTIONS = {
  OpenTaskFunction: { file: 'functions/steps/open-task.ts', access: ['table:read', 'table:write'] },
  AwaitDecisionFunction: {
    file: 'functions/steps/await-decision.ts',
    access: ['table:read', 'table:write', 'workflow:callback'],
  },
  MarkOverdueFunction: { file: 'functions/steps/mark-overdue.ts', access: ['table:read', 'table:write'] },
  ExpireTaskFunction: { file: 'functions/steps/expire-task.ts', access: ['table:read', 'table:write'] },
  CloseParallelFunction: { file: 'functions/steps/close-parallel.ts', access: ['table:read', 'table:write'] },
} as const satisfies Record<string, { file: string; access: readonly Access[] }>;
export type StepFunctionKey = keyof typeof STEP_FUNCTIONS;

/** Errors a Lambda invocation may throw transiently; AWS recommends retrying them on every Lambda task. */
const LAMBDA_RETRY = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
};

type State = Record<string, unknown>;

function invoke(
  key: StepFunctionKey,
  payload: Record<string, unknown>,
  resultSelector: Record<string, string>,
  next: string | undefined,
) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `\${${key}}`, Payload: payload },
    ResultSelector: resultSelector,
    Retry: [LAMBDA_RETRY],
    ...nextOrEnd(next),
  };
}

/** A state's transition: to `next`, or the end of its branch (no Succeed state to pass through: one transition less). */
const nextOrEnd = (next: string | undefined) => (next ? { Next: next } : { End: true });

type Part = 'open' | 'await' | 'overdue' | 'expire' | 'route' | 'closed' | 'parallel' | 'close';
const stateName = (stepId: string, part: Part) => `${stepId}.${part}`;
const parallelStep = (flow: Flow, id: string) => flow.steps.some((s) => s.id === id && isParallel(s));
/** The state a step is entered by when an execution starts there or a parallel step closes: its tasks open. */
const entry = (id: string) => stateName(id, 'open');
/** The state a decision's route leads to: the decision opened the step's task already (`settleDecision`). */
const routedTo = (flow: Flow, id: string) =>
  parallelStep(flow, id) ? stateName(id, 'parallel') : stateName(id, 'await');

/** What open-task needs to know of a step; the flow's own words, nothing of the compiler's. */
export function stepSpec(step: FlowStep): StepSpec {
  const waits = step.kind !== 'officer';
  return {
    id: step.id,
    name: step.name,
    ...(waits ? { kind: step.kind, ...(step.timeoutDecision ? { timeoutDecision: step.timeoutDecision } : {}) } : {}),
    role: step.role,
    agency: step.agency,
    decisions: step.decisions as StepSpec['decisions'],
    ...(step.entryStatus ? { entryStatus: step.entryStatus } : {}),
  };
}

/**
 * The step of a flow that a settled decision opens itself (the Lambda side of `FlowSteps`): a step with one task, as
 * the state machine's open-task would open it; undefined for a parallel step, a branch's join or the end.
 */
export function taskStep(flow: Flow, stepId: string): StepSpec | undefined {
  const step = flow.steps.find((s) => s.id === stepId);
  return step && !isParallel(step) ? stepSpec(step) : undefined;
}

/** The branches of a parallel step as their tasks open (what a route into the step opens); else undefined. */
export function parallelBranches(flow: Flow, stepId: string): StepSpec[] | undefined {
  const step = flow.steps.find((s) => s.id === stepId);
  return step && isParallel(step) ? step.branches.map((branch) => branchSpec(step, branch)) : undefined;
}

function branchSpec(parallel: ParallelStep, branch: Branch): StepSpec {
  const decisions: StepSpec['decisions'] = {};
  for (const [name, route] of Object.entries(branch.decisions)) {
    decisions[name] = { to: JOIN, ...(route.noteRequired ? { noteRequired: true } : {}) };
  }
  decisions[NO_ANSWER] = { to: JOIN };
  return {
    id: branch.id,
    name: branch.name,
    kind: 'branch',
    timeoutDecision: NO_ANSWER,
    branchOf: parallel.id,
    role: branch.role,
    agency: branch.agency,
    decisions,
  };
}

/**
 * The states of one task: open-task (when an execution starts at the step) → await-decision (`.waitForTaskToken`,
 * timeout = the step's due time) → `afterDecision` (none: the branch ends there). A decision is settled outside the
 * state machine (applied and the next step opened in one transaction) and resumes it with its route, so a human step
 * costs the wait and the route. A late officer is flagged and waited for (overdue → await); a lapsed applicant,
 * external system or branch gets the step's timeout decision from the system (expire). A parallel step's branch has
 * no open state: its task opened with the others (`at` is where its task and wait are, `$.task.branches.<id>`), and
 * a branch already answered (a re-drive) has none, so its await-decision answers at once.
 */
function taskStates(
  spec: StepSpec,
  afterDecision: string | undefined,
  closed: string,
  branch?: { at: string },
): Record<string, State> {
  const at = branch?.at ?? '$.task';
  const id = spec.id;
  const lapses = spec.kind !== undefined && spec.kind !== 'officer';
  const states: Record<string, State> = {};
  const selector: Record<string, string> = {
    'taskId.$': '$.Payload.taskId',
    'timeoutSeconds.$': '$.Payload.timeoutSeconds',
  };
  if (!branch) {
    states[stateName(id, 'open')] = {
      ...invoke(
        'OpenTaskFunction',
        { 'dossierCode.$': '$.dossierCode', 'hours.$': `$.stepHours.${id}`, step: spec },
        selector,
        stateName(id, 'await'),
      ),
      ResultPath: '$.task',
      // An execution whose dossier ended, or moved past this step, stops driving it.
      Catch: [{ ErrorEquals: [DOSSIER_CLOSED, STEP_SUPERSEDED], ResultPath: '$.closed', Next: closed }],
    };
  }
  states[stateName(id, 'await')] = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a DefinitionSubstitutions placeholder, not a template
      FunctionName: '${AwaitDecisionFunction}',
      Payload: { 'taskToken.$': '$$.Task.Token', 'dossierCode.$': '$.dossierCode', 'taskId.$': `${at}.taskId` },
    },
    TimeoutSecondsPath: `${at}.timeoutSeconds`,
    // The settled route `{ next, taskId, timeoutSeconds }`: the next step's task is what the route's await waits on.
    ResultPath: at,
    Retry: [LAMBDA_RETRY],
    Catch: [
      { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: stateName(id, lapses ? 'expire' : 'overdue') },
      { ErrorEquals: [DOSSIER_CLOSED], ResultPath: '$.closed', Next: closed },
    ],
    ...nextOrEnd(afterDecision),
  };
  if (lapses) {
    states[stateName(id, 'expire')] = {
      ...invoke(
        'ExpireTaskFunction',
        { 'dossierCode.$': '$.dossierCode', 'taskId.$': `${at}.taskId` },
        {
          'next.$': '$.Payload.next',
          'taskId.$': '$.Payload.taskId',
          'timeoutSeconds.$': '$.Payload.timeoutSeconds',
        },
        afterDecision,
      ),
      ResultPath: at,
      Catch: [{ ErrorEquals: [DOSSIER_CLOSED], ResultPath: '$.closed', Next: closed }],
    };
  } else {
    states[stateName(id, 'overdue')] = {
      ...invoke(
        'MarkOverdueFunction',
        { 'dossierCode.$': '$.dossierCode', 'taskId.$': `${at}.taskId` },
        { 'taskId.$': '$.Payload.taskId', 'timeoutSeconds.$': '$.Payload.timeoutSeconds' },
        stateName(id, 'await'),
      ),
      ResultPath: at,
    };
  }
  return states;
}

/**
 * Flow → Amazon States Language (JSONPath only: the local engine ignores JSONata and `Assign`). A human step is a
 * task (see `taskStates`) followed by a Choice on the decision's target. A parallel step is a `Parallel` state with
 * one task per branch, each with its own deadline, then close-parallel which records late answers and moves on.
 * The first state dispatches on `$.startStepId`, so an execution can start at any step (counter intake, re-drive),
 * straight to its waiting state when the step's task opened with the dossier (`$.task`). Deterministic for a given
 * flow.
 */
export function compileFlow(flow: Flow): Record<string, unknown> {
  const states: Record<string, State> = {};
  states.Start = {
    Type: 'Choice',
    Choices: flow.steps.flatMap((step) => [
      // The step's task opened with the dossier (submission): wait on it at once.
      ...(isParallel(step)
        ? []
        : [
            {
              And: [
                { Variable: '$.startStepId', StringEquals: step.id },
                { Variable: '$.task.taskId', IsPresent: true },
              ],
              Next: stateName(step.id, 'await'),
            },
          ]),
      { Variable: '$.startStepId', StringEquals: step.id, Next: entry(step.id) },
    ]),
    Default: entry(flow.startStepId),
  };
  for (const step of flow.steps) {
    if (isParallel(step)) {
      // Entering the step other than by a decision's route (a start, a re-drive, after another parallel step): every
      // branch's task opens in one write. A route opened them already (`settleDecision`).
      states[stateName(step.id, 'open')] = {
        ...invoke(
          'OpenTaskFunction',
          {
            'dossierCode.$': '$.dossierCode',
            branches: Object.fromEntries(
              step.branches.map((branch) => [
                branch.id,
                { step: branchSpec(step, branch), 'hours.$': `$.stepHours.${branch.id}` },
              ]),
            ),
          },
          { 'branches.$': '$.Payload.branches' },
          stateName(step.id, 'parallel'),
        ),
        ResultPath: '$.task',
        Catch: [{ ErrorEquals: [DOSSIER_CLOSED, STEP_SUPERSEDED], ResultPath: '$.closed', Next: 'Closed' }],
      };
      states[stateName(step.id, 'parallel')] = {
        Type: 'Parallel',
        Comment: step.name,
        Branches: step.branches.map((branch) => ({
          StartAt: stateName(branch.id, 'await'),
          States: {
            ...taskStates(branchSpec(step, branch), undefined, stateName(branch.id, 'closed'), {
              at: `$.task.branches.${branch.id}`,
            }),
            [stateName(branch.id, 'closed')]: { Type: 'Fail', Error: DOSSIER_CLOSED, Cause: 'the dossier ended' },
          },
        })),
        ResultPath: '$.parallel',
        Catch: [{ ErrorEquals: [DOSSIER_CLOSED], ResultPath: '$.closed', Next: 'Closed' }],
        Next: stateName(step.id, 'close'),
      };
      states[stateName(step.id, 'close')] = {
        ...invoke(
          'CloseParallelFunction',
          { 'dossierCode.$': '$.dossierCode', step: { id: step.id, name: step.name, next: step.next } },
          { 'late.$': '$.Payload.late' },
          entry(step.next),
        ),
        ResultPath: '$.parallel',
      };
      continue;
    }
    const targets = [...new Set(Object.values(step.decisions).flatMap((route) => (route.to ? [route.to] : [])))];
    // A step whose every decision leads to one place goes there from its wait (the end: the execution ends there),
    // with no route of its own: one transition less.
    const only = targets.length === 1 ? targets[0]! : undefined;
    const afterDecision =
      only === undefined ? stateName(step.id, 'route') : only === END ? undefined : routedTo(flow, only);
    Object.assign(states, taskStates(stepSpec(step), afterDecision, 'Closed'));
    if (only !== undefined) continue;
    states[stateName(step.id, 'route')] = {
      Type: 'Choice',
      Choices: targets.map((to) => ({
        Variable: '$.task.next',
        StringEquals: to,
        Next: to === END ? 'Done' : routedTo(flow, to),
      })),
      Default: 'UnknownRoute',
    };
  }
  // Only the states something leads to: AWS refuses a definition with an unreachable state.
  const referenced = JSON.stringify(states);
  if (referenced.includes('"Next":"Done"')) states.Done = { Type: 'Succeed' };
  states.Closed = { Type: 'Succeed' };
  if (referenced.includes('"Default":"UnknownRoute"')) {
    states.UnknownRoute = {
      Type: 'Fail',
      Error: 'UnknownRoute',
      Cause: 'a settled decision routed to a target the flow does not declare',
    };
  }
  return {
    Comment: `${flow.name} (flow ${flow.id} v${flow.version})`,
    StartAt: 'Start',
    States: states,
  };
}

/** Replaces `${Key}` placeholders, as CloudFormation does with `DefinitionSubstitutions`. */
export function substitute(
  definition: Record<string, unknown>,
  values: Record<string, string>,
): Record<string, unknown> {
  const text = JSON.stringify(definition).replace(/\$\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  return JSON.parse(text);
}
