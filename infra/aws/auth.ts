import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  Mfa,
  OAuthScope,
  OidcAttributeRequestMethod,
  ProviderAttribute,
  ResourceServerScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolIdentityProviderOidc,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/domain/dossier';
import { PORTAL_TOKEN_SCOPE } from '../../functions/http/auth';
import type { ProvinceConfig } from '../province/schema';
import { acknowledge } from './acknowledge';

/** The roles people hold (groups); `portal` is the national portal's machine client, never a person's group. */
export const ROLE_GROUPS = ROLES.filter((role) => role !== 'portal');

const [PORTAL_API, PORTAL_SCOPE_NAME] = PORTAL_TOKEN_SCOPE.split('/') as [string, string];

export interface AuthProps {
  /** The prefix of the pool's hosted domain (its token endpoint serves the portal's client-credentials grant). */
  domainPrefix: string;
  /** The national e-ID (VNeID) as an OIDC identity provider, when the province has a client for it. */
  vneid?: ProvinceConfig['identity']['vneid'];
}

/**
 * The province's user pool: citizens sign themselves up (verified email or phone) or through VNeID when configured;
 * officers are created by admins in a role group with a `custom:agencyId`. An account without a role group is a
 * citizen. The HTTP API accepts this pool's ID tokens.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The national portal's adapter: client credentials, scope `motcua/portal`. */
  readonly portalClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps) {
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
      // A citizen's identification number comes from VNeID (the attribute mapping below), never from the user: the
      // key of their e-data store.
      customAttributes: {
        agencyId: new StringAttribute({ mutable: true, maxLen: 32 }),
        idNumber: new StringAttribute({ mutable: true, minLen: 12, maxLen: 12 }),
      },
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
    const providers = [UserPoolClientIdentityProvider.COGNITO];
    if (props.vneid) {
      const vneid = new UserPoolIdentityProviderOidc(this, 'VNeID', {
        userPool: this.userPool,
        name: 'VNeID',
        issuerUrl: props.vneid.issuerUrl,
        clientId: props.vneid.clientId,
        // A CloudFormation dynamic reference: the secret is resolved at deploy time, never written in the template.
        clientSecret: SecretValue.secretsManager(props.vneid.clientSecretName).unsafeUnwrap(),
        scopes: props.vneid.scopes,
        attributeRequestMethod: OidcAttributeRequestMethod.GET,
        // The citizen's verified name and contacts come from the national identity; no role, no agency.
        attributeMapping: {
          fullname: ProviderAttribute.other('name'),
          email: ProviderAttribute.other('email'),
          phoneNumber: ProviderAttribute.other('phone_number'),
          ...(props.vneid.idNumberClaim
            ? { custom: { 'custom:idNumber': ProviderAttribute.other(props.vneid.idNumberClaim) } }
            : {}),
        },
      });
      providers.push(UserPoolClientIdentityProvider.custom(vneid.providerName));
    }
    this.client = this.userPool.addClient('FrontEnd', {
      supportedIdentityProviders: providers,
      ...(props.vneid
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PHONE, OAuthScope.PROFILE],
              callbackUrls: props.vneid.callbackUrls,
            },
          }
        : {}),
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
    // The national portal's adapter signs in as a machine: the client-credentials grant at the pool's token endpoint,
    // for one scope that the API reads as the role `portal`. The client secret never leaves Cognito's console/API.
    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    const portalScope = new ResourceServerScope({
      scopeName: PORTAL_SCOPE_NAME,
      scopeDescription: 'Hand over the dossiers submitted on the national public service portal',
    });
    const api = this.userPool.addResourceServer('Api', {
      identifier: PORTAL_API,
      scopes: [portalScope],
    });
    this.portalClient = this.userPool.addClient('NationalPortal', {
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [OAuthScope.resourceServer(api, portalScope)] },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    });
  }
}
