import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/domain/dossier';
import { acknowledge } from './acknowledge';

export const ROLE_GROUPS = ROLES;

/**
 * The province's user pool: citizens sign themselves up (verified email or phone); officers are created by admins
 * in a role group with a `custom:agencyId`. The HTTP API accepts this pool's ID tokens.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true, phone: true },
      autoVerify: { email: true, phone: true },
      accountRecovery: AccountRecovery.EMAIL_AND_PHONE_WITHOUT_MFA,
      // Every account signs in with a second factor: an authenticator app, or an SMS code to the verified phone.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      // Officers cannot change their own agency: only an admin (through the Cognito admin API) writes it.
      customAttributes: { agencyId: new StringAttribute({ mutable: true, maxLen: 32 }) },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-IAM5[Resource::*]',
      "Cognito's SMS role publishes verification and MFA codes to phone numbers, which have no ARN.",
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Threat protection (Plus plan) is priced per monthly active user, which for a province’s citizens is a budget decision; MFA is required for every account and the API throttles per route.',
    );
    for (const role of ROLE_GROUPS) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    }
    this.client = this.userPool.addClient('FrontEnd', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      // Users may edit their contact details, never their agency (custom:agencyId) or groups.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        phoneNumber: true,
        fullname: true,
      }),
    });
  }
}
