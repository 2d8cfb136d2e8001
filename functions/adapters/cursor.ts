import { createHmac, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../domain/errors';
import { env } from './environment';

/**
 * Con trỏ phân trang — an opaque, signed pagination cursor. It carries DynamoDB's LastEvaluatedKey and an HMAC-SHA256
 * over that key *and* the query it pages (index, key condition and its values, which name the caller's partition), under
 * the key of configuration `CURSOR_KEY`. A cursor that was made up, edited, or taken from another query or another
 * caller's listing does not verify: `400 INVALID_CURSOR`, before DynamoDB sees it.
 */
let signingKey: Buffer | undefined;
function key(): Buffer {
  if (!signingKey) {
    // At least 32 characters (environment.ts).
    signingKey = Buffer.from(env('CURSOR_KEY'), 'utf8');
  }
  return signingKey;
}

/** Forgets the signing key so the next cursor uses the current configuration (a host that changed it). */
export function resetCursorKey() {
  signingKey = undefined;
}

const mac = (payload: string, binding: string) =>
  createHmac('sha256', key()).update(binding).update('\n').update(payload).digest();

const invalid = () =>
  badRequest('INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ cho truy vấn này (invalid cursor)', {
    fields: ['cursor'],
  });

/** The cursor of the page after this one, or null on the last page. */
export function signCursor(lastKey: Record<string, unknown> | undefined, binding: string): string | null {
  if (!lastKey) return null;
  const payload = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
  return `${payload}.${mac(payload, binding).toString('base64url')}`;
}

/** The key a cursor carries, if it was signed by us for this very query; otherwise INVALID_CURSOR. */
export function verifyCursor(cursor: string | undefined, binding: string): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid();
  const expected = mac(payload, binding);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  return value as Record<string, unknown>;
}
