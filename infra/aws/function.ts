import { join } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Access } from '../../functions/routes';

export const ROOT = join(import.meta.dirname, '../..');

export interface Shared {
  table: TableV2;
  bucket: Bucket;
  /** ARN prefix of the province's state machines (`…:stateMachine:<stack>-`). */
  stateMachinePrefix: string;
  /** Identity ARN allowed to send mail (SES) for the province. */
  senderArn: string;
}

export interface MotcuaFunctionProps {
  file: string;
  export: string;
  access: readonly Access[];
  shared: Shared;
  timeout?: Duration;
}

/**
 * One opinionated function: Node.js 22 on arm64, ESM bundle (minified, tree-shaken, source maps), JSON logs with a
 * retention, X-Ray tracing, the shared environment, and exactly the permissions its `access` list names.
 */
export class MotcuaFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: MotcuaFunctionProps) {
    super(scope, id);
    const { shared } = props;
    this.fn = new NodejsFunction(this, 'Fn', {
      entry: join(ROOT, props.file),
      handler: props.export,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS }),
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // The SDK is bundled (pinned by our lockfile) rather than taken from the runtime's copy.
        externalModules: [],
        banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
      },
      environment: {
        TABLE_NAME: shared.table.tableName,
        BUCKET_NAME: shared.bucket.bucketName,
        STATE_MACHINE_ARN_PREFIX: shared.stateMachinePrefix,
        POWERTOOLS_SERVICE_NAME: 'motcua',
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    const fn = this.fn;
    const stack = Stack.of(this);
    for (const access of new Set(props.access)) {
      switch (access) {
        case 'table:read':
          shared.table.grantReadData(fn);
          break;
        case 'table:write':
          shared.table.grantWriteData(fn);
          break;
        case 'files:read':
          shared.bucket.grantRead(fn);
          break;
        case 'files:write':
          shared.bucket.grantPut(fn);
          break;
        case 'workflow:start':
          fn.addToRolePolicy(
            new PolicyStatement({ actions: ['states:StartExecution'], resources: [`${shared.stateMachinePrefix}*`] }),
          );
          break;
        case 'workflow:callback':
          fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
              resources: [`${shared.stateMachinePrefix}*`],
            }),
          );
          break;
        case 'notify':
          fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [shared.senderArn] }));
          // SMS to phone numbers has no resource ARN; deny publishing to topics so the grant stays SMS-only.
          fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
          fn.addToRolePolicy(
            new PolicyStatement({
              effect: Effect.DENY,
              actions: ['sns:Publish'],
              resources: [`arn:${stack.partition}:sns:*:${stack.account}:*`],
            }),
          );
          break;
      }
    }
  }
}
