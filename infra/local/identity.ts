import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export const LOCAL_ISSUER = 'motcua-local';
export const LOCAL_AUDIENCE = 'motcua-api';

/**
 * The local stand-in for the province's Cognito user pool: RS256 tokens with the claims the API reads (`sub`,
 * `role`, `agencyId`), verified on every authenticated route like the HTTP API's JWT authorizer (signature, issuer,
 * audience, expiry). The key is kept in the data directory so tokens survive a restart. Never deployed.
 */
/** How many verified tokens the local authorizer remembers (the oldest is forgotten first). */
const VERIFIED_TOKENS = 1000;

export class LocalIdentity {
  private constructor(
    private readonly privateKey: Key,
    private readonly publicKey: Key,
  ) {}

  static async create(keyFile?: string): Promise<LocalIdentity> {
    if (keyFile && existsSync(keyFile)) {
      const { privateJwk, publicJwk } = JSON.parse(readFileSync(keyFile, 'utf8')) as {
        privateJwk: JWK;
        publicJwk: JWK;
      };
      return new LocalIdentity(
        (await importJWK(privateJwk, 'RS256')) as Key,
        (await importJWK(publicJwk, 'RS256')) as Key,
      );
    }
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(
        keyFile,
        JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) }),
        { mode: 0o600 },
      );
    }
    return new LocalIdentity(privateKey, publicKey);
  }

  issue(claims: { sub: string; role: string; agencyId?: string; name?: string }, ttlSeconds = 12 * 3600) {
    return new SignJWT({ ...claims, token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: 'local' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.privateKey);
  }

  /** Tokens whose signature was checked, with their claims: a token cannot change, only expire. */
  private readonly verified = new Map<string, { claims: Record<string, string | number | boolean>; exp: number }>();

  /**
   * Claims of a valid `Bearer` token, or undefined (→ 401), as API Gateway's JWT authorizer decides. A token seen
   * before is not verified again (an RSA check costs a request ~0.25 ms of CPU), but its expiry is.
   */
  async verify(authorization: string) {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
    if (!match) return undefined;
    const token = match[1]!;
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known.claims;
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['RS256'],
      });
      const claims = Object.fromEntries(
        Object.entries(payload).map(([k, v]) => [
          k,
          Array.isArray(v)
            ? `[${v.join(' ')}]`
            : typeof v === 'object'
              ? JSON.stringify(v)
              : (v as string | number | boolean),
        ]),
      );
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { claims, exp: Number(payload.exp) });
      return claims;
    } catch {
      return undefined;
    }
  }
}
