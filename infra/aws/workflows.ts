import { basename } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { compileFlow, STEP_FUNCTIONS } from '../../workflows/compile';
import type { Flow } from '../../workflows/flow-schema';
import { acknowledge, acknowledgeWildcard } from './acknowledge';
import { MotcuaFunction, type Shared } from './function';

export interface WorkflowsProps {
  flows: Iterable<Flow>;
  shared: Shared;
  /** Physical name prefix of the state machines; with the flow id it is the ARN the API starts. */
  namePrefix: string;
}

/** One state machine per flow (never per procedure), with the step Lambdas every flow shares. */
export class Workflows extends Construct {
  readonly stateMachines = new Map<string, StateMachine>();
  readonly steps: Record<string, MotcuaFunction> = {};

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const substitutions: Record<string, string> = {};
    for (const [key, step] of Object.entries(STEP_FUNCTIONS)) {
      const fn = new MotcuaFunction(this, basename(step.file, '.ts'), {
        file: step.file,
        export: 'handler',
        access: step.access,
        shared: props.shared,
      });
      this.steps[key] = fn;
      substitutions[key] = fn.fn.functionArn;
    }
    const logs = new LogGroup(this, 'ExecutionLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const flow of props.flows) {
      const definition = JSON.stringify(compileFlow(flow));
      // Each machine may invoke the step functions its definition names, and only those.
      const used = Object.keys(substitutions).filter((key) => definition.includes(`\${${key}}`));
      const machine = new StateMachine(this, `Flow-${flow.id}`, {
        stateMachineName: `${props.namePrefix}${flow.id}`,
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(definition),
        definitionSubstitutions: Object.fromEntries(used.map((key) => [key, substitutions[key]!])),
        tracingEnabled: true,
        // A dossier may legally take months (calendar-day procedures, supplements); a year bounds a forgotten one.
        timeout: Duration.days(365),
        // Every state transition is logged, without execution data: no personal data reaches the logs.
        logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      });
      for (const key of used) {
        this.steps[key]!.fn.grantInvoke(machine);
        acknowledgeWildcard(
          machine,
          `${this.steps[key]!.fn.functionArn}:*`,
          "CDK's invoke grant covers the step function's versions and aliases; it names this one function.",
        );
      }
      acknowledge(
        machine,
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray tracing and CloudWatch Logs delivery (logs:CreateLogDelivery and related) have no resource-level permissions.',
      );
      this.stateMachines.set(flow.id, machine);
    }
  }
}
