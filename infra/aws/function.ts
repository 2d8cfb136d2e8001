import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { routeSpecs } from '../../functions/api/openapi';
import { openApiDocument } from '../../functions/http/openapi';
import type { Access } from '../../functions/routes';
import { acknowledge, acknowledgeWildcard } from './acknowledge';

export const ROOT = join(import.meta.dirname, '../..');

export interface Shared {
  table: TableV2;
  bucket: Bucket;
  /** ARN prefix of the province's state machines (`…:stateMachine:<stack>-`). */
  stateMachinePrefix: string;
  /** Identity ARN allowed to send mail (SES) for the province. */
  senderArn: string;
  /** The key that signs pagination cursors, given to the functions that read the table. */
  cursorKey: ISecret;
  /**
   * The national portal (DVCQG) once the province has joined: its integration endpoint, the province's unit code
   * there and the secret holding the account it issued (`{"username","password"}`).
   */
  nationalPortal?: { url: string; unitCode: string; credentials: ISecret };
}

/**
 * How every function is bundled (esbuild through CDK): ESM for Node 22+, minified and tree-shaken; the banner gives
 * CommonJS dependencies their `require`. `npm run bench:bundles` builds the same way to measure sizes.
 */
/**
 * Constants a function's bundle has baked in at synth (esbuild `define`): GET /openapi.json carries its document,
 * generated here once from the schemas, instead of the schemas and the generator (and the work at each cold start).
 */
export function bakedConstants(file: string): Record<string, string> {
  if (file !== 'functions/api/openapi.ts') return {};
  return { MOTCUA_OPENAPI_DOCUMENT: JSON.stringify(JSON.stringify(openApiDocument(routeSpecs()))) };
}

export const ESM_BUNDLE = {
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
};

/**
 * The esbuild options of one function's bundle as CDK builds it, for the benchmarks and the bundle tests (which add
 * only the entry and the output). Without a file: a reference bundle with nothing baked in.
 */
export function bundleOptions(file?: string) {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    ...ESM_BUNDLE,
    define: file ? bakedConstants(file) : {},
  } as const;
}

/**
 * The bundle entry of one handler: a generated module that re-exports only that handler as `handler`. Bundling the
 * handler's own file would keep every handler of the file (an entry's exports are all kept); this way each function
 * carries only what its handler reaches (handlers are built pure, so the others are dropped).
 */
export function functionEntry(file: string, exportName: string): string {
  const dir = join(ROOT, '.build', 'entries');
  const path = join(
    dir,
    `${file
      .replace(/^functions\//, '')
      .replace(/\.ts$/, '')
      .replaceAll('/', '-')}-${exportName}.ts`,
  );
  const source = `export { ${exportName} as handler } from '${relative(dir, join(ROOT, file)).replace(/\.ts$/, '')}';\n`;
  if (!existsSync(path) || readFileSync(path, 'utf8') !== source) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, source);
  }
  return path;
}

/** Bundling hooks that copy files beside the bundle (run where `cdk synth` runs, like the bundling itself). */
function copyInto(files: { dir: string; from: readonly string[] }) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      `mkdir -p "${join(outputDir, files.dir)}"`,
      ...files.from.map((file) => `cp "${join(inputDir, file)}" "${join(outputDir, files.dir)}/"`),
    ],
  };
}

export interface MotcuaFunctionProps {
  file: string;
  export: string;
  access: readonly Access[];
  shared: Shared;
  timeout?: Duration;
  /** Files copied beside the bundle (repository-relative sources, into `dir` of the function's code). */
  files?: { dir: string; from: readonly string[] };
}

/**
 * One opinionated function: Node.js 24 on arm64 (the code also runs on 22), ESM bundle (minified, tree-shaken, its
 * source map beside it — read when an error is logged, not at start: functions/observability.ts), JSON logs with a retention, X-Ray tracing, the shared environment, and exactly the permissions its
 * `access` list names — on its own role, which may write only to its own log group (no managed policy).
 */
export class MotcuaFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: MotcuaFunctionProps) {
    super(scope, id);
    const { shared } = props;
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, 'Fn', {
      entry: functionEntry(props.file, props.export),
      handler: 'handler',
      role,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: ESM_BUNDLE.target,
        minify: ESM_BUNDLE.minify,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ESM_BUNDLE.mainFields,
        // The SDK is bundled (pinned by our lockfile) rather than taken from the runtime's copy.
        externalModules: [],
        banner: ESM_BUNDLE.banner.js,
        define: bakedConstants(props.file),
        ...(props.files ? { commandHooks: copyInto(props.files) } : {}),
      },
      environment: {
        TABLE_NAME: shared.table.tableName,
        BUCKET_NAME: shared.bucket.bucketName,
        STATE_MACHINE_ARN_PREFIX: shared.stateMachinePrefix,
        POWERTOOLS_SERVICE_NAME: 'motcua',
      },
    });
    const fn = this.fn;
    const stack = Stack.of(this);
    const fileObjects = [`${shared.bucket.bucketArn}/uploads/*`, `${shared.bucket.bucketArn}/dossiers/*`];
    for (const access of new Set(props.access)) {
      switch (access) {
        case 'table:read':
          shared.table.grantReadData(fn);
          // Resolved by CloudFormation at deployment (a dynamic reference): the template holds no secret value.
          fn.addEnvironment('CURSOR_KEY', shared.cursorKey.secretValue.unsafeUnwrap());
          break;
        case 'table:write':
          shared.table.grantWriteData(fn);
          break;
        case 'files:read':
          // Objects of uploads and dossiers only; ListBucket so that a missing object is a 404, not a 403.
          fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: fileObjects }));
          fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [shared.bucket.bucketArn] }));
          shared.bucket.encryptionKey?.grantDecrypt(fn);
          break;
        case 'files:write':
          fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: fileObjects }));
          shared.bucket.encryptionKey?.grantEncryptDecrypt(fn);
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
        case 'workflow:read':
          fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['states:ListExecutions'],
              resources: [`${shared.stateMachinePrefix}*`],
            }),
          );
          fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['states:DescribeExecution'],
              resources: [`${shared.stateMachinePrefix.replace(':stateMachine:', ':execution:')}*`],
            }),
          );
          break;
        case 'national-portal':
          // Unconfigured (the province has not joined yet): the sync records nothing and sends nothing.
          if (shared.nationalPortal) {
            fn.addEnvironment('DVCQG_URL', shared.nationalPortal.url);
            fn.addEnvironment('DVCQG_UNIT_CODE', shared.nationalPortal.unitCode);
            // A dynamic reference, resolved at deployment: the template holds no secret value.
            fn.addEnvironment('DVCQG_CREDENTIALS', shared.nationalPortal.credentials.secretValue.unsafeUnwrap());
          }
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
    acknowledgeFunctionFindings(this, props.access, shared);
  }
}

/**
 * The wildcards that remain in a function's policy, each justified. They are scoped by AWS's own resource model:
 * X-Ray has no resource-level permissions; SMS to a phone number has no ARN (publishing to topics is denied);
 * DynamoDB grants cover this table's own indexes; S3 grants cover object prefixes of this bucket; Step Functions
 * grants cover the state machines of this stack (their names share the stack prefix).
 */
function acknowledgeFunctionFindings(scope: Construct, access: readonly Access[], shared: Shared) {
  acknowledge(
    scope,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) has no resource-level permissions; sns:Publish for SMS has no ARN and topics are explicitly denied.',
  );
  if (access.includes('table:read') || access.includes('table:write')) {
    acknowledgeWildcard(
      scope,
      `${shared.table.tableArn}/index/*`,
      "Queries run on the table's own global secondary indexes (inbox, listings); the grant names this table only.",
    );
  }
  if (access.includes('files:read') || access.includes('files:write')) {
    for (const prefix of ['uploads', 'dossiers']) {
      acknowledgeWildcard(
        scope,
        `${shared.bucket.bucketArn}/${prefix}/*`,
        `Objects are keyed by upload id and dossier code under ${prefix}/ of this bucket; each request is further limited by a 5-minute presigned URL.`,
      );
    }
  }
  if (access.includes('files:write') || access.includes('table:write') || access.includes('events:publish')) {
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      acknowledge(
        scope,
        `AwsSolutions-IAM5[Action::${action}]`,
        "Writes to the table, files and event queues encrypted with the province's own key need these data-key actions; the grant names that key only.",
      );
    }
  }
  if (access.includes('workflow:read')) {
    acknowledgeWildcard(
      scope,
      `${shared.stateMachinePrefix.replace(':stateMachine:', ':execution:')}*`,
      "Operators describe executions of this stack's state machines; executions are named after dossier codes.",
    );
  }
  if (access.includes('workflow:start') || access.includes('workflow:callback') || access.includes('workflow:read')) {
    acknowledgeWildcard(
      scope,
      `${shared.stateMachinePrefix}*`,
      "One state machine per flow, all named with this stack's prefix; the dossier's flow is chosen at run time.",
    );
  }
}
