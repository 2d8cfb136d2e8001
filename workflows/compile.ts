import { DOSSIER_CLOSED } from '../functions/domain/dossier';
import type { Access } from '../functions/routes';
import { END, type Flow } from './flow-schema';

/**
 * The Lambda tasks every compiled flow calls, by the substitution key that CDK (`definitionSubstitutions`) and the
 * local host fill with the function's ARN. Keys and handler files are listed once here.
 */
export const STEP_FUNCTIONS = {
  OpenTaskFunction: { file: 'functions/steps/open-task.ts', access: ['table:read', 'table:write', 'notify'] },
  AwaitDecisionFunction: {
    file: 'functions/steps/await-decision.ts',
    access: ['table:read', 'table:write', 'workflow:callback'],
  },
  MarkOverdueFunction: { file: 'functions/steps/mark-overdue.ts', access: ['table:read', 'table:write', 'notify'] },
  ApplyDecisionFunction: { file: 'functions/steps/apply-decision.ts', access: ['table:read', 'table:write', 'notify'] },
  ExpireTaskFunction: { file: 'functions/steps/expire-task.ts', access: ['table:read', 'table:write'] },
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
  next: string,
) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `\${${key}}`, Payload: payload },
    ResultSelector: resultSelector,
    Retry: [LAMBDA_RETRY],
    Next: next,
  };
}

const stateName = (stepId: string, part: 'open' | 'await' | 'overdue' | 'expire' | 'apply' | 'route') =>
  `${stepId}.${part}`;

/**
 * Flow → Amazon States Language (JSONPath only: the local engine ignores JSONata and `Assign`). Each human step is
 * open-task → await-decision (`.waitForTaskToken`, timeout = the step's due time) → apply-decision → route; a timeout
 * marks the task overdue, notifies and waits again instead of failing the dossier. Deterministic for a given flow.
 */
export function compileFlow(flow: Flow): Record<string, unknown> {
  const states: Record<string, State> = {};
  states.Start = {
    Type: 'Choice',
    Choices: flow.steps.map((step) => ({
      Variable: '$.startStepId',
      StringEquals: step.id,
      Next: stateName(step.id, 'open'),
    })),
    Default: stateName(flow.startStepId, 'open'),
  };
  for (const step of flow.steps) {
    const applicant = step.kind === 'applicant';
    const spec = {
      id: step.id,
      name: step.name,
      ...(applicant ? { kind: step.kind, timeoutDecision: step.timeoutDecision } : {}),
      role: step.role,
      agency: step.agency,
      decisions: step.decisions,
      ...(step.entryStatus ? { entryStatus: step.entryStatus } : {}),
    };
    states[stateName(step.id, 'open')] = {
      ...invoke(
        'OpenTaskFunction',
        { 'dossierCode.$': '$.dossierCode', 'hours.$': `$.stepHours.${step.id}`, step: spec },
        { 'taskId.$': '$.Payload.taskId', 'timeoutSeconds.$': '$.Payload.timeoutSeconds' },
        stateName(step.id, 'await'),
      ),
      ResultPath: '$.task',
      Catch: [{ ErrorEquals: [DOSSIER_CLOSED], ResultPath: '$.closed', Next: 'Closed' }],
    };
    states[stateName(step.id, 'await')] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a DefinitionSubstitutions placeholder, not a template
        FunctionName: '${AwaitDecisionFunction}',
        Payload: { 'taskToken.$': '$$.Task.Token', 'dossierCode.$': '$.dossierCode', 'taskId.$': '$.task.taskId' },
      },
      TimeoutSecondsPath: '$.task.timeoutSeconds',
      ResultPath: '$.decision',
      Retry: [LAMBDA_RETRY],
      Catch: [
        // An officer's step that times out is overdue and waits on; an applicant's step that times out has lapsed.
        {
          ErrorEquals: ['States.Timeout'],
          ResultPath: '$.timeout',
          Next: stateName(step.id, applicant ? 'expire' : 'overdue'),
        },
        { ErrorEquals: [DOSSIER_CLOSED], ResultPath: '$.closed', Next: 'Closed' },
      ],
      Next: stateName(step.id, 'apply'),
    };
    if (applicant) {
      states[stateName(step.id, 'expire')] = {
        ...invoke(
          'ExpireTaskFunction',
          { 'dossierCode.$': '$.dossierCode', 'taskId.$': '$.task.taskId' },
          { 'taskId.$': '$.Payload.taskId' },
          stateName(step.id, 'apply'),
        ),
        ResultPath: '$.expired',
      };
    } else {
      states[stateName(step.id, 'overdue')] = {
        ...invoke(
          'MarkOverdueFunction',
          { 'dossierCode.$': '$.dossierCode', 'taskId.$': '$.task.taskId' },
          { 'taskId.$': '$.Payload.taskId', 'timeoutSeconds.$': '$.Payload.timeoutSeconds' },
          stateName(step.id, 'await'),
        ),
        ResultPath: '$.task',
      };
    }
    states[stateName(step.id, 'apply')] = {
      ...invoke(
        'ApplyDecisionFunction',
        { 'dossierCode.$': '$.dossierCode', 'taskId.$': '$.task.taskId' },
        { 'next.$': '$.Payload.next', 'status.$': '$.Payload.status' },
        stateName(step.id, 'route'),
      ),
      ResultPath: '$.applied',
    };
    const targets = [...new Set(Object.values(step.decisions).map((route) => route.to))];
    states[stateName(step.id, 'route')] = {
      Type: 'Choice',
      Choices: targets.map((to) => ({
        Variable: '$.applied.next',
        StringEquals: to,
        Next: to === END ? 'Done' : stateName(to, 'open'),
      })),
      Default: 'UnknownRoute',
    };
  }
  states.Done = { Type: 'Succeed' };
  states.Closed = { Type: 'Succeed' };
  states.UnknownRoute = {
    Type: 'Fail',
    Error: 'UnknownRoute',
    Cause: 'apply-decision returned a target the flow does not declare',
  };
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
