import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, type RouteClass, routeClass, routeName } from '../../functions/routes';
import { acknowledge } from './acknowledge';
import { MotcuaFunction, type Shared } from './function';

export interface ApiProps {
  shared: Shared;
  userPool: UserPool;
  client: UserPoolClient;
  portalClient: UserPoolClient;
  allowedOrigins: string[];
  throttling: Record<RouteClass, { rate: number; burst: number }>;
}

/** The HTTP API: every route of functions/routes.ts, its own function, the JWT authorizer on non-public routes. */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: Record<string, MotcuaFunction> = {};

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'motcua — HTTP API v1',
      corsPreflight:
        props.allowedOrigins.length > 0
          ? {
              allowOrigins: props.allowedOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });
    const region = Stack.of(this).region;
    const authorizer = new HttpJwtAuthorizer(
      'Jwt',
      `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
      {
        // ID tokens of the front end, and the national portal's client-credentials access tokens (their client_id).
        jwtAudience: [props.client.userPoolClientId, props.portalClient.userPoolClientId],
      },
    );
    for (const route of ROUTES) {
      const name = routeName(route);
      const fn = new MotcuaFunction(this, name, {
        file: route.file,
        export: route.export,
        access: route.access,
        shared: props.shared,
        ...(route.files ? { files: route.files } : {}),
      });
      this.functions[name] = fn;
      const [added] = this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method === 'GET' ? HttpMethod.GET : HttpMethod.POST],
        integration: new HttpLambdaIntegration(`${name}Integration`, fn.fn),
        ...(route.roles === 'public' ? {} : { authorizer }),
      });
      if (route.roles === 'public' && added) {
        acknowledge(
          added,
          'AwsSolutions-APIG4',
          `${route.method} ${route.path} is public by design (catalogue, public progress lookup, API contract); it returns no personal data.`,
        );
      }
    }
    // Throttling per route class (public reads, reads, writes), and a stage-wide ceiling above them all.
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    stage.routeSettings = Object.fromEntries(
      ROUTES.map((route) => {
        const limit = props.throttling[routeClass(route)];
        return [
          `${route.method} ${route.path}`,
          // RouteSettings is a raw JSON map in CloudFormation: its keys are written as CloudFormation spells them.
          { ThrottlingRateLimit: limit.rate, ThrottlingBurstLimit: limit.burst },
        ];
      }),
    );
    // Access logs: who called which route, when, and the outcome; never bodies, query strings or tokens.
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        sourceIp: '$context.identity.sourceIp',
        sub: '$context.authorizer.claims.sub',
        latencyMs: '$context.integrationLatency',
        responseLength: '$context.responseLength',
      }),
    };
    new CfnOutput(this, 'Url', { value: this.httpApi.apiEndpoint });
  }
}
