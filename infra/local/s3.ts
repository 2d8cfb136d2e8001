import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import S3rver from 's3rver';
import { checkRequestSignature } from './s3-signature';

export const LOCAL_S3_KEY = 'S3RVER';
/** The largest POST body the policy check buffers; bigger uploads are refused before reading them whole. */
const MAX_BUFFERED_BYTES = 110 * 1024 * 1024;

interface PostForm {
  fields: Record<string, string>;
  fileSize: number;
  hasFile: boolean;
}

function xmlError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<&>]/g, '')}</Message></Error>`,
  );
}

function parseForm(body: Buffer, headers: IncomingMessage['headers']): Promise<PostForm> {
  return new Promise((resolve, reject) => {
    const form: PostForm = { fields: {}, fileSize: 0, hasFile: false };
    const parser = busboy({ headers, limits: { fileSize: MAX_BUFFERED_BYTES } });
    parser.on('field', (name, value) => {
      if (!form.hasFile) form.fields[name.toLowerCase()] = value;
    });
    parser.on('file', (_name, stream) => {
      form.hasFile = true;
      stream.on('data', (chunk: Buffer) => {
        form.fileSize += chunk.length;
      });
    });
    parser.on('close', () => resolve(form));
    parser.on('error', reject);
    parser.end(body);
  });
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * What real S3 checks on a browser-based POST and s3rver ignores: the SigV4 signature of the policy, its expiry,
 * every condition (exact fields, starts-with, content-length-range) and that no unlisted field was sent.
 * Returns the S3 error to answer with, or undefined when the upload is allowed.
 */
export function checkPostPolicy(form: PostForm, bucket: string, secret: string, now = Date.now()) {
  const policyText = form.fields.policy;
  if (!policyText) return { status: 403, code: 'AccessDenied', message: 'Bucket POST must contain a policy' };
  const credential = form.fields['x-amz-credential'] ?? '';
  const [, date = '', region = '', service = ''] = credential.split('/');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  if (hmac(signingKey, policyText).toString('hex') !== form.fields['x-amz-signature']) {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided',
    };
  }
  let policy: { expiration: string; conditions: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8'));
  } catch {
    return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' };
  }
  if (Date.parse(policy.expiration) < now)
    return { status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' };
  const values: Record<string, string> = { ...form.fields, bucket };
  const covered = new Set(['policy', 'x-amz-signature', 'file', 'bucket']);
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [op, field, value] = condition as [string, string | number, string | number];
      if (op === 'content-length-range') {
        if (form.fileSize < Number(field))
          return {
            status: 400,
            code: 'EntityTooSmall',
            message: 'Your proposed upload is smaller than the minimum allowed size',
          };
        if (form.fileSize > Number(value))
          return {
            status: 400,
            code: 'EntityTooLarge',
            message: 'Your proposed upload exceeds the maximum allowed size',
          };
        continue;
      }
      const name = String(field).replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const actual = values[name] ?? '';
      const ok =
        op === 'eq' ? actual === String(value) : op === 'starts-with' ? actual.startsWith(String(value)) : false;
      if (!ok)
        return {
          status: 403,
          code: 'AccessDenied',
          message: `Invalid according to Policy: Policy Condition failed: ["${op}", "$${name}", "${value}"]`,
        };
    } else if (condition && typeof condition === 'object') {
      for (const [name, value] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (values[name.toLowerCase()] !== String(value)) {
          return {
            status: 403,
            code: 'AccessDenied',
            message: `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${value}"]`,
          };
        }
      }
    }
  }
  const extra = Object.keys(form.fields).filter((name) => !covered.has(name) && !name.startsWith('x-ignore-'));
  if (extra.length > 0)
    return {
      status: 403,
      code: 'AccessDenied',
      message: `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`,
    };
  if (!form.hasFile)
    return { status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file upload per request.' };
  return undefined;
}

/**
 * Local S3: s3rver (data on disk) behind a small front that closes its gaps — the bucket is private (only SigV4
 * signed or presigned requests and valid POST policies get through, as with S3 Block Public Access), POST policy
 * enforcement, and a loud refusal of `aws-chunked` streaming bodies, which s3rver would store with their framing.
 */
export class LocalS3 {
  private s3rver?: S3rver;
  private front?: Server;

  constructor(
    private readonly directory: string,
    private readonly buckets: string[],
  ) {}

  async start(): Promise<string> {
    mkdirSync(this.directory, { recursive: true });
    this.s3rver = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: this.directory,
      configureBuckets: this.buckets.map((name) => ({ name, configs: [] })),
    });
    const { port: innerPort } = (await this.s3rver.run()) as AddressInfo;
    this.front = createServer((req, res) => void this.handle(req, res, innerPort));
    await new Promise<void>((resolve) => this.front!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.front.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, innerPort: number) {
    try {
      if (String(req.headers['content-encoding'] ?? '').includes('aws-chunked')) {
        return xmlError(
          res,
          501,
          'NotImplemented',
          'aws-chunked uploads are not supported by the local S3; send a Buffer body',
        );
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const bucket = decodeURIComponent(path.split('/')[1] ?? '');
      const isPostObject =
        req.method === 'POST' &&
        path.split('/').filter(Boolean).length === 1 &&
        !req.url?.includes('?') &&
        !req.headers.authorization;
      // Block public access, as the AWS bucket: anything but a browser POST must be signed (CORS preflights aside).
      if (!isPostObject && req.method !== 'OPTIONS') {
        const refusal = await checkRequestSignature(
          { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers },
          (accessKeyId) => (accessKeyId === LOCAL_S3_KEY ? LOCAL_S3_KEY : undefined),
        );
        if (refusal) return xmlError(res, refusal.status, refusal.code, refusal.message);
      }
      let body: Buffer | undefined;
      if (isPostObject) {
        if (Number(req.headers['content-length'] ?? 0) > MAX_BUFFERED_BYTES) {
          return xmlError(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
        }
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        body = Buffer.concat(chunks);
        const refusal = checkPostPolicy(await parseForm(body, req.headers), bucket, LOCAL_S3_KEY);
        if (refusal) return xmlError(res, refusal.status, refusal.code, refusal.message);
      }
      const upstream = request(
        {
          host: '127.0.0.1',
          port: innerPort,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (reply) => {
          res.writeHead(reply.statusCode ?? 500, reply.headers);
          reply.pipe(res);
        },
      );
      upstream.on('error', () => xmlError(res, 502, 'InternalError', 'local S3 backend unavailable'));
      if (body) upstream.end(body);
      else req.pipe(upstream);
    } catch {
      if (!res.headersSent)
        xmlError(
          res,
          400,
          'MalformedPOSTRequest',
          'The body of your POST request is not well-formed multipart/form-data.',
        );
    }
  }

  async close() {
    await new Promise<void>((resolve) => (this.front ? this.front.close(() => resolve()) : resolve()));
    await this.s3rver?.close();
  }
}
