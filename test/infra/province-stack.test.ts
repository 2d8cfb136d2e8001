import aslValidator from 'asl-validator';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { REACTIONS } from '../../functions/domain/events';
import { SCHEDULED_FUNCTIONS } from '../../functions/reactions/functions';
import { EVENT_ITEM_TYPES } from '../../functions/reactions/stream-records';
import { ROUTES } from '../../functions/routes';
import { ProvinceStack } from '../../infra/aws/province-stack';
import { loadProvince } from '../../infra/province';
import { STEP_FUNCTIONS } from '../../workflows/compile';
import { FLOWS } from '../../workflows/flows';

let template: Template;

beforeAll(() => {
  // Skip esbuild bundling: these tests read the template, not the code assets.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const { province, catalogue } = loadProvince('phu-tho');
  const stack = new ProvinceStack(app, 'motcua-phu-tho', {
    province,
    catalogue,
    env: { account: '111111111111', region: 'ap-southeast-1' },
  });
  template = Template.fromStack(stack);
});

describe('ProvinceStack (Phú Thọ)', () => {
  it('creates every route of the route table, with the JWT authorizer exactly on the non-public ones', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const byKey = new Map(Object.values(routes).map((r) => [r.Properties.RouteKey as string, r.Properties]));
    expect(byKey.size).toBe(ROUTES.length);
    for (const route of ROUTES) {
      const props = byKey.get(`${route.method} ${route.path}`);
      expect(props, `${route.method} ${route.path}`).toBeDefined();
      if (route.roles === 'public') expect(props?.AuthorizationType ?? 'NONE').toBe('NONE');
      else expect(props?.AuthorizationType).toBe('JWT');
    }
    expect([...byKey.keys()].some((key) => key.includes('/local/'))).toBe(false);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      // The front end's ID tokens and the national portal's client-credentials access tokens.
      JwtConfiguration: { Audience: [Match.anyValue(), Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it("gives the national portal's adapter a client-credentials client of its own scope, and no person its role", () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'motcua',
      Scopes: [Match.objectLike({ ScopeName: 'portal' })],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: [Match.anyValue()],
      GenerateSecret: true,
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'motcua-phu-tho' });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g) => g.Properties.GroupName)).not.toContain('portal');
  });

  it('gives the sync the portal address, unit code and account (a dynamic reference) once the province has joined', () => {
    const sync = (t: Template) =>
      Object.values(t.findResources('AWS::Lambda::Function')).find(
        (f) => f.Properties.Environment?.Variables?.REACTION_MAX_RECEIVES && JSON.stringify(f).includes('DvcqgSync'),
      );
    // Not joined yet (Phú Thọ's config has no nationalPortal): nothing to call.
    expect(sync(template)?.Properties.Environment.Variables.DVCQG_URL).toBeUndefined();
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { province, catalogue } = loadProvince('phu-tho');
    const joined = new ProvinceStack(app, 'motcua-phu-tho', {
      province: {
        ...province,
        nationalPortal: {
          url: 'https://lgsp.example.gov.vn/dvcqg',
          unitCode: '000.00.00.H45',
          credentialsSecretName: 'motcua/phu-tho/dvcqg',
        },
      },
      catalogue,
      env: { account: '111111111111', region: 'ap-southeast-1' },
    });
    const variables = sync(Template.fromStack(joined))!.Properties.Environment.Variables;
    expect(variables).toMatchObject({
      DVCQG_URL: 'https://lgsp.example.gov.vn/dvcqg',
      DVCQG_UNIT_CODE: '000.00.00.H45',
    });
    expect(JSON.stringify(variables.DVCQG_CREDENTIALS)).toContain('resolve:secretsmanager:');
  });

  it('signs cursors with a generated secret that functions reading the table resolve at deployment, never inline', () => {
    const secrets = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(1);
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const keyed = functions.filter((f) => f.Properties.Environment?.Variables?.CURSOR_KEY);
    expect(keyed.length).toBeGreaterThan(0);
    for (const fn of keyed) {
      const reference = JSON.stringify(fn.Properties.Environment.Variables.CURSOR_KEY);
      expect(reference).toContain('{{resolve:secretsmanager:');
      expect(reference).toContain(secrets[0]);
    }
  });

  it('deploys one valid state machine per flow, whose Lambda placeholders are all substituted', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(FLOWS.size);
    for (const machine of machines) {
      const definition = machine.Properties.DefinitionString as string;
      const substitutions = Object.keys(machine.Properties.DefinitionSubstitutions as object);
      const placeholders = [...definition.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
      expect(new Set(placeholders)).toEqual(new Set(substitutions));
      const resolved = JSON.parse(
        definition.replace(/\$\{(\w+)\}/g, (_m, key) => `arn:aws:lambda:ap-southeast-1:111111111111:function:${key}`),
      );
      const { isValid, errorsText } = aslValidator(resolved);
      expect(isValid, errorsText('\n')).toBe(true);
      expect(JSON.stringify(resolved)).not.toMatch(/JSONata|"Assign"/);
    }
  });

  it('keeps dossiers safe: PITR, deletion protection and retention on the table', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('encrypts the table and the files under the province’s own rotated KMS key', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.values(keys)).toHaveLength(1);
    const [keyId, key] = Object.entries(keys)[0]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } } })],
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'files/' }),
      // Uploads no dossier took expire; a dossier's files (dossiers/<code>/) do not.
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 2, Status: 'Enabled' })]),
      },
    });
  });

  it('throttles each route by class, restricts CORS to the province’s front ends and logs access without bodies', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage.RouteSettings['GET /lookup/{code}']).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    expect(stage.RouteSettings['GET /dossiers']).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(stage.RouteSettings['POST /dossiers']).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    expect(Object.keys(stage.RouteSettings)).toHaveLength(ROUTES.length);
    expect(stage.AccessLogSettings.Format).not.toMatch(/requestBody|queryString|authorization/i);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://dichvucong.phutho.gov.vn'] }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
  });

  it('keeps the files bucket private, encrypted and TLS-only', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: Match.anyValue(),
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('runs every function on Node.js 24 arm64 and stays far under the 500-resource limit', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const ours = functions.filter((f) => f.Properties.Environment?.Variables?.TABLE_NAME);
    // Routes, steps, the seed, the stream's fan-out, one consumer per reaction and the scheduled jobs.
    expect(ours.length).toBe(
      ROUTES.length +
        Object.keys(STEP_FUNCTIONS).length +
        1 +
        1 +
        REACTIONS.length +
        Object.keys(SCHEDULED_FUNCTIONS).length,
    );
    for (const fn of ours) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
    // About seven resources per route (function, role, policy, log group, invoke permission, integration, route):
    // 321 with 28 routes and 41 functions once the figures came (6 routes, a reaction); the national portal brought
    // 3 routes, a reaction (with its queues and alarm) and the portal's client and domain. Past 400, split the stack
    // (a nested stack for the read-only routes) well before CloudFormation's 500.
    expect(Object.keys(template.toJSON().Resources).length).toBeLessThan(400);
  });

  it('carries every history event from the stream to one FIFO queue per reaction, with dead letters that alarm', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    const stream = mappings.find((m) => m.Properties.StartingPosition === 'TRIM_HORIZON')!;
    expect(stream.Properties).toMatchObject({
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // Every item type that is an event gets through the filter (the portal sync's own events included).
    const pattern = JSON.parse(stream.Properties.FilterCriteria.Filters[0].Pattern);
    expect(pattern.dynamodb.NewImage.type.S).toEqual([...EVENT_ITEM_TYPES]);
    const consumers = mappings.filter((m) => m !== stream);
    expect(consumers).toHaveLength(REACTIONS.length);
    for (const consumer of consumers)
      expect(consumer.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    const fifo = queues.filter((q) => q.Properties.FifoQueue);
    expect(fifo).toHaveLength(REACTIONS.length * 2);
    expect(fifo.filter((q) => q.Properties.RedrivePolicy?.maxReceiveCount > 1)).toHaveLength(REACTIONS.length);
    for (const queue of queues) expect(queue.Properties.KmsMasterKeyId).toBeDefined();
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      String(a.Properties.AlarmDescription).includes('dead letters'),
    );
    expect(alarms).toHaveLength(REACTIONS.length + 1);
  });

  it('grows with flows, never with procedures: the whole catalogue costs no resource', () => {
    const { province, catalogue } = loadProvince('phu-tho');
    const one = Template.fromStack(
      new ProvinceStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'motcua-one', {
        province,
        catalogue: catalogue.slice(0, 1),
        env: { account: '111111111111', region: 'ap-southeast-1' },
      }),
    );
    const count = (t: Template) => Object.keys(t.toJSON().Resources).length;
    expect(catalogue.length).toBeGreaterThanOrEqual(20);
    expect(count(template)).toBe(count(one));
    expect(template.findResources('AWS::StepFunctions::StateMachine')).toSatisfy(
      (machines: object) => Object.keys(machines).length === FLOWS.size,
    );
    // The catalogue ships as an S3 asset, not in the template: its size does not depend on the catalogue.
    const size = (t: Template) => JSON.stringify(t.toJSON()).length;
    expect(JSON.stringify(catalogue).length).toBeGreaterThan(10_000);
    expect(Math.abs(size(template) - size(one))).toBeLessThan(1_000);
    expect(size(template)).toBeLessThan(512 * 1024);
    const seed = Object.values(template.findResources('Custom::MotcuaSeed'))[0]!.Properties;
    expect(Object.keys(seed).sort()).toEqual(['ServiceToken', 'bucket', 'digest', 'key', 'province']);
  });

  it('creates the user pool with one group per role and an agency attribute', () => {
    for (const role of ['citizen', 'receiver', 'specialist', 'leader', 'admin', 'operator']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    }
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'agencyId', AttributeDataType: 'String' })]),
    });
  });
});

describe('identity', () => {
  it('federates the national e-ID (VNeID) over OIDC when the province has a client, its secret never in the template', () => {
    const { province, catalogue } = loadProvince('phu-tho');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new ProvinceStack(app, 'motcua-vneid', {
      province: {
        ...province,
        identity: {
          vneid: {
            issuerUrl: 'https://sso.vneid.gov.vn',
            clientId: 'phu-tho-dvc',
            clientSecretName: 'motcua/phu-tho/vneid',
            scopes: ['openid', 'profile'],
            callbackUrls: ['https://dichvucong.phutho.gov.vn/auth/callback'],
          },
        },
      },
      catalogue,
      env: { account: '111111111111', region: 'ap-southeast-1' },
    });
    const vneid = Template.fromStack(stack);
    vneid.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'VNeID',
      ProviderType: 'OIDC',
      ProviderDetails: Match.objectLike({
        client_id: 'phu-tho-dvc',
        oidc_issuer: 'https://sso.vneid.gov.vn',
        client_secret: '{{resolve:secretsmanager:motcua/phu-tho/vneid:SecretString:::}}',
      }),
    });
    const [provider] = Object.keys(vneid.findResources('AWS::Cognito::UserPoolIdentityProvider'));
    vneid.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      SupportedIdentityProviders: ['COGNITO', { Ref: provider }],
      CallbackURLs: ['https://dichvucong.phutho.gov.vn/auth/callback'],
    });
    // Without a VNeID client the pool signs in its own accounts only.
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { SupportedIdentityProviders: ['COGNITO'] });
  });
});
