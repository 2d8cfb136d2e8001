import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** The S3 error a refused request gets (status, S3 error code, message), as the real service words it. */
export interface S3Refusal {
  status: number;
  code: string;
  message: string;
}

export interface SignedRequest {
  method: string;
  /** The raw request target as received: encoded path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** S3 refuses a header-signed request whose x-amz-date is more than 15 minutes from its own clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most 7 days (SigV4). */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
const ALGORITHM = 'AWS4-HMAC-SHA256';

const denied = (message = 'Access Denied'): S3Refusal => ({ status: 403, code: 'AccessDenied', message });
const mismatch: S3Refusal = {
  status: 403,
  code: 'SignatureDoesNotMatch',
  message:
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
};

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const at = pair.indexOf('=');
    const [name, value] = (at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)]).map(decodeURIComponent) as [
      string,
      string,
    ];
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

/** `20261202T143424Z` → epoch milliseconds (NaN when malformed). */
function amzDate(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
}

const sameHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The credential scope `AKID/20261202/ap-southeast-1/s3/aws4_request`, checked against the known keys. */
function credentialOf(scope: string, secretFor: (accessKeyId: string) => string | undefined) {
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = scope.split('/');
  const secretAccessKey = secretFor(accessKeyId);
  if (!secretAccessKey) {
    return {
      refusal: {
        status: 403,
        code: 'InvalidAccessKeyId',
        message: 'The AWS Access Key Id you provided does not exist in our records.',
      },
    };
  }
  if (service !== 's3' || terminator !== 'aws4_request' || !/^\d{8}$/.test(date) || !region) {
    return { refusal: { status: 400, code: 'AuthorizationHeaderMalformed', message: `Invalid credential ${scope}` } };
  }
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials: { accessKeyId, secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path as sent (already encoded once), and the payload hash the client declared.
    uriEscapePath: false,
    applyChecksum: false,
  });
  return { signer, date, region };
}

function signedHeaders(headers: IncomingHttpHeaders, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return picked;
}

/**
 * What real S3 does with every request to a bucket that blocks public access and s3rver does not: only a request
 * signed with SigV4 by a known key — in its Authorization header, or presigned in its query string and not expired —
 * gets through. The signature is recomputed with the SDK's own signer over the request as received.
 * Returns the refusal, or undefined when the request is correctly signed.
 */
export async function checkRequestSignature(
  request: SignedRequest,
  secretFor: (accessKeyId: string) => string | undefined,
  now = Date.now(),
): Promise<S3Refusal | undefined> {
  const at = request.url.indexOf('?');
  const path = at < 0 ? request.url : request.url.slice(0, at);
  let query: Record<string, string | string[]>;
  try {
    query = parseQuery(at < 0 ? '' : request.url.slice(at + 1));
  } catch {
    return { status: 400, code: 'InvalidArgument', message: 'Malformed query string' };
  }
  const base = { method: request.method, protocol: 'http:', hostname: '', path, body: undefined };
  const authorization = request.headers.authorization;
  if (authorization) {
    const parts = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
    if (!parts) return denied('Unsupported or malformed Authorization header: AWS4-HMAC-SHA256 is required');
    const [, scope = '', headerList = '', signature = ''] = parts;
    const signedAt = amzDate(String(request.headers['x-amz-date'] ?? ''));
    if (Number.isNaN(signedAt)) return denied('AWS authentication requires a valid x-amz-date header');
    if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
      return {
        status: 403,
        code: 'RequestTimeTooSkewed',
        message: 'The difference between the request time and the current time is too large.',
      };
    }
    if (!request.headers['x-amz-content-sha256']) {
      return {
        status: 400,
        code: 'InvalidRequest',
        message: 'Missing required header for this request: x-amz-content-sha256',
      };
    }
    const names = headerList.split(';');
    if (!names.includes('host')) return denied('The host header must be signed');
    const credential = credentialOf(scope, secretFor);
    if ('refusal' in credential) return credential.refusal;
    const signed = await credential.signer.sign(
      { ...base, query, headers: signedHeaders(request.headers, names) },
      { signingDate: new Date(signedAt), signingRegion: credential.region },
    );
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1] ?? '';
    return sameHex(expected, signature) ? undefined : mismatch;
  }

  const signature = query['X-Amz-Signature'];
  if (signature === undefined) return denied();
  const single = (name: string) => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (single('X-Amz-Algorithm') !== ALGORITHM || typeof signature !== 'string') {
    return { status: 400, code: 'AuthorizationQueryParametersError', message: `X-Amz-Algorithm must be ${ALGORITHM}` };
  }
  const signedAt = amzDate(single('X-Amz-Date'));
  const expires = Number(single('X-Amz-Expires'));
  if (Number.isNaN(signedAt) || !Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_SECONDS) {
    return {
      status: 400,
      code: 'AuthorizationQueryParametersError',
      message: 'X-Amz-Date and X-Amz-Expires (1 to 604800 seconds) are required',
    };
  }
  if (now > signedAt + expires * 1000) return denied('Request has expired');
  const credential = credentialOf(single('X-Amz-Credential') ?? '', secretFor);
  if ('refusal' in credential) return credential.refusal;
  const names = (single('X-Amz-SignedHeaders') ?? '').split(';');
  if (!names.includes('host')) return denied('The host header must be signed');
  const { 'X-Amz-Signature': _signature, 'X-Amz-Content-Sha256': contentSha256, ...unsigned } = query;
  // Presigned requests carry no payload hash of their own: UNSIGNED-PAYLOAD, hoisted into the query by the SDK.
  const payloadHeader: Record<string, string> =
    typeof contentSha256 === 'string'
      ? { 'X-Amz-Content-Sha256': contentSha256 }
      : { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
  const presigned = await credential.signer.presign(
    { ...base, query: unsigned, headers: { ...signedHeaders(request.headers, names), ...payloadHeader } },
    {
      signingDate: new Date(signedAt),
      signingRegion: credential.region,
      expiresIn: expires,
      ...(contentSha256 === undefined
        ? {
            unsignableHeaders: new Set(['x-amz-content-sha256']),
            unhoistableHeaders: new Set(['x-amz-content-sha256']),
          }
        : {}),
    },
  );
  return sameHex(String(presigned.query?.['X-Amz-Signature'] ?? ''), signature) ? undefined : mismatch;
}
