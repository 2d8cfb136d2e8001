import { describe, expect, it } from 'vitest';
import { actorFromEvent } from '../../functions/http/auth';

const event = (claims: Record<string, unknown> | undefined) =>
  ({ requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined } }) as never;

describe('the caller from the JWT', () => {
  it('reads a Cognito ID token: role group and custom:agencyId', () => {
    expect(
      actorFromEvent(
        event({ sub: 'u1', 'cognito:groups': '[receiver]', 'custom:agencyId': '000.00.01.H45', name: 'Bình' }),
      ),
    ).toEqual({ sub: 'u1', role: 'receiver', agencyId: '000.00.01.H45', name: 'Bình' });
    expect(actorFromEvent(event({ sub: 'u2', 'cognito:groups': ['leader'] }))?.role).toBe('leader');
  });

  it('makes an account without a role group a citizen (self sign-up, VNeID), and refuses an unknown role', () => {
    expect(actorFromEvent(event({ sub: 'citizen-1', email: 'a@example.vn' }))).toEqual({
      sub: 'citizen-1',
      role: 'citizen',
    });
    expect(() => actorFromEvent(event({ sub: 'x', 'cognito:groups': ['superuser'] }))).toThrow(/vai trò/);
    expect(actorFromEvent(event(undefined))).toBeUndefined();
  });
});
