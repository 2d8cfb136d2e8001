import { AppError } from '../domain/errors';

/** Single-table key layout. Every access pattern is a key or a sparse GSI; no Scan on a request path. */
export const keys = {
  province: () => ({ pk: 'PROVINCE', sk: 'SETTINGS' }),
  /** One catalogue index entry per procedure version: the listing reads the whole (small) partition. */
  catalogEntry: (id: string, effectiveFrom: string) => ({ pk: 'CATALOG', sk: `V#${id}#${effectiveFrom}` }),
  procedureVersion: (id: string, effectiveFrom: string) => ({ pk: `PROC#${id}`, sk: `V#${effectiveFrom}` }),
  dossier: (code: string) => ({ pk: `D#${code}`, sk: 'DOSSIER' }),
  dossierAgency: (code: string, agencyId: string) => ({ pk: `D#${code}`, sk: `AGENCY#${agencyId}` }),
  history: (code: string, seq: number) => ({ pk: `D#${code}`, sk: `H#${String(seq).padStart(5, '0')}` }),
  task: (code: string, taskId: string) => ({ pk: `D#${code}`, sk: `T#${taskId}` }),
  counter: (counterKey: string) => ({ pk: `COUNTER#${counterKey}`, sk: 'COUNTER' }),
  idempotency: (sub: string, key: string) => ({ pk: `IDEMP#${sub}#${key}`, sk: 'IDEMP' }),
  upload: (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' }),
  inbox: (agencyId: string, role: string) => `INBOX#${agencyId}#${role}`,
  applicantIndex: (sub: string) => `APPLICANT#${sub}`,
  agencyIndex: (agencyId: string) => `AGENCY#${agencyId}`,
};

export const INBOX_INDEX = 'gsi1';
export const LISTING_INDEX = 'gsi2';

/** Opaque pagination cursor: the DynamoDB key, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);

/** Decodes a cursor; a cursor the client made up or tampered with is a 400, never a DynamoDB error. */
export function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const valid =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.entries(value).every(([k, v]) => KEY_ATTRIBUTES.has(k) && typeof v === 'string' && v.length < 1024);
  if (!valid) throw new AppError('validation', 'INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ (invalid cursor)');
  return value as Record<string, string>;
}
