import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type Actor, ROLES as ALL_ROLES, type Role } from '../domain/dossier';
import { AppError } from '../domain/errors';

const ROLES: ReadonlySet<string> = new Set(ALL_ROLES);

/** The scope of the national portal's client-credentials tokens (the stack's resource server and scope): role `portal`. */
export const PORTAL_TOKEN_SCOPE = 'motcua/portal';

/**
 * The caller as the JWT authorizer verified it. Cognito ID tokens carry the role as a group and the agency as a
 * custom attribute; the local runtime's tokens carry `role` and `agencyId` directly. Both shapes are accepted.
 */
export function actorFromEvent(
  event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>,
): Actor | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = claims['cognito:groups'];
  const groupRole = Array.isArray(groups)
    ? groups[0]
    : typeof groups === 'string'
      ? groups.replace(/^\[|\]$/g, '').split(/[ ,]+/)[0]
      : undefined;
  // The national portal's adapter: a client-credentials access token with the portal scope (no user, no group).
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  const machineRole = !groupRole && scopes.includes(PORTAL_TOKEN_SCOPE) ? 'portal' : undefined;
  // A signed-in account without a role group is a citizen (self sign-up, VNeID); officers are put in groups by admins.
  const role = String(claims.role ?? groupRole ?? machineRole ?? 'citizen');
  if (!ROLES.has(role))
    throw new AppError('forbidden', 'UNKNOWN_ROLE', 'Tài khoản chưa được gán vai trò hợp lệ (no valid role)');
  const agencyId = claims.agencyId ?? claims['custom:agencyId'];
  const name = claims.name ?? claims['cognito:username'];
  // Set only from a verified source (VNeID's attribute mapping, never writable by the user; the local login).
  const idNumber = claims.idNumber ?? claims['custom:idNumber'];
  return {
    sub: claims.sub,
    role: role as Role,
    ...(typeof agencyId === 'string' && agencyId ? { agencyId } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(role === 'citizen' && typeof idNumber === 'string' && /^\d{12}$/.test(idNumber) ? { idNumber } : {}),
  };
}
