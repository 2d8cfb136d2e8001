import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { ProcedureVersion } from '../../functions/domain/procedure';
import { FLOWS } from '../../workflows/flows';
import type { ProvinceConfig } from '../province/schema';
import { provinceSettings } from '../province/settings';
import { acknowledge } from './acknowledge';
import { Api } from './api';
import { Auth } from './auth';
import { Data } from './data';
import { Events } from './events';
import { Files } from './files';
import type { Shared } from './function';
import { Seed } from './seed';
import { Workflows } from './workflows';

export interface ProvinceStackProps extends StackProps {
  province: ProvinceConfig;
  catalogue: ProcedureVersion[];
}

/** One province: Data + Files + Auth + Workflows + Api (+ the catalogue seed), all driven by the province config. */
export class ProvinceStack extends Stack {
  readonly key: Key;
  readonly data: Data;
  readonly files: Files;
  readonly auth: Auth;
  readonly workflows: Workflows;
  readonly api: Api;

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    super(scope, id, props);
    const { province } = props;
    // One customer-managed key for the province's data at rest (table and files), rotated yearly, never deleted.
    this.key = new Key(this, 'DataKey', {
      alias: `alias/${this.stackName}/data`,
      description: `motcua ${province.name}: dossiers, personal data and attachments at rest`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.data = new Data(this, 'Data', { key: this.key });
    this.files = new Files(this, 'Files', {
      allowedOrigins: province.frontEndOrigins,
      key: this.key,
      uploadExpiryDays: province.uploads.expiryDays,
    });
    this.auth = new Auth(this, 'Auth', {
      vneid: province.identity.vneid,
      domainPrefix: province.identity.domainPrefix ?? `motcua-${province.id}`,
    });
    // The key that signs pagination cursors (HMAC): generated at deployment, never in the template or the code.
    const cursorKey = new Secret(this, 'CursorKey', {
      description: `motcua ${province.name}: signing key of pagination cursors`,
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(
      cursorKey,
      'AwsSolutions-SMG4',
      'The cursor signing key only protects pagination cursors, which live minutes; rotating it means replacing the secret, which invalidates outstanding cursors (clients start the listing again).',
    );
    const namePrefix = `${this.stackName}-`;
    const shared: Shared = {
      table: this.data.table,
      bucket: this.files.bucket,
      stateMachinePrefix: `arn:${this.partition}:states:${this.region}:${this.account}:stateMachine:${namePrefix}`,
      senderArn: `arn:${this.partition}:ses:${this.region}:${this.account}:identity/${province.notifications.fromEmail.split('@')[1]}`,
      cursorKey,
      ...(province.nationalPortal
        ? {
            nationalPortal: {
              url: province.nationalPortal.url,
              unitCode: province.nationalPortal.unitCode,
              credentials: Secret.fromSecretNameV2(
                this,
                'NationalPortalAccount',
                province.nationalPortal.credentialsSecretName,
              ),
            },
          }
        : {}),
    };
    this.workflows = new Workflows(this, 'Workflows', { flows: FLOWS.values(), shared, namePrefix });
    new Events(this, 'Events', { shared, key: this.key });
    this.api = new Api(this, 'Api', {
      shared,
      userPool: this.auth.userPool,
      client: this.auth.client,
      portalClient: this.auth.portalClient,
      allowedOrigins: province.frontEndOrigins,
      throttling: province.throttling,
    });
    new Seed(this, 'Seed', { shared, settings: provinceSettings(province), catalogue: props.catalogue });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'NationalPortalClientId', { value: this.auth.portalClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.files.bucket.bucketName });
  }
}
