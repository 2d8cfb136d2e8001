import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  from?: string;
  to: string[];
  subject?: string;
  body: string;
  sentAt: string;
}

/**
 * The mail and SMS the system would have sent: a local SES v2 (SendEmail) and SNS (Publish to a phone number)
 * endpoint that appends each message to a JSON-lines file, read back by `GET /local/outbox`.
 */
export class LocalOutbox {
  private server?: Server;
  /** Until this instant every send fails as a throttled, unavailable service would (`POST /local/outbox/fail`). */
  private failingUntil = 0;

  /** Makes SES and SNS fail until the given instant (undefined: work again now). */
  failUntil(instant: number | undefined) {
    this.failingUntil = instant ?? 0;
  }

  failing() {
    return this.failingUntil > Date.now() ? new Date(this.failingUntil).toISOString() : null;
  }

  constructor(private readonly file?: string) {
    if (file) mkdirSync(dirname(file), { recursive: true });
  }

  private memory: OutboxMessage[] = [];

  messages(): OutboxMessage[] {
    const all =
      this.file && existsSync(this.file)
        ? readFileSync(this.file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as OutboxMessage)
        : this.memory;
    return [...all].reverse();
  }

  private record(message: Omit<OutboxMessage, 'id' | 'sentAt'>) {
    const full: OutboxMessage = { id: randomUUID(), sentAt: new Date().toISOString(), ...message };
    if (this.file) appendFileSync(this.file, `${JSON.stringify(full)}\n`);
    else this.memory.push(full);
    return full;
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (this.failing()) {
      // What SES v2 and SNS answer when they are down: a 503 the SDK retries, then gives up on.
      const sns = !req.url?.startsWith('/v2/');
      res.writeHead(503, { 'content-type': sns ? 'text/xml' : 'application/json' });
      return res.end(
        sns
          ? '<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>local outbox told to fail</Message></Error></ErrorResponse>'
          : JSON.stringify({ message: 'local outbox told to fail' }),
      );
    }
    if (req.method === 'POST' && req.url?.startsWith('/v2/email/outbound-emails')) {
      const body = JSON.parse(text || '{}');
      const simple = body.Content?.Simple ?? {};
      const message = this.record({
        channel: 'email',
        from: body.FromEmailAddress,
        to: body.Destination?.ToAddresses ?? [],
        subject: simple.Subject?.Data,
        body: simple.Body?.Text?.Data ?? simple.Body?.Html?.Data ?? '',
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ MessageId: message.id }));
    }
    const form = new URLSearchParams(text);
    if (req.method === 'POST' && form.get('Action') === 'Publish') {
      const message = this.record({
        channel: 'sms',
        to: [form.get('PhoneNumber') ?? form.get('TargetArn') ?? ''],
        body: form.get('Message') ?? '',
      });
      res.writeHead(200, { 'content-type': 'text/xml' });
      return res.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${message.id}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    }
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'operation not implemented by the local outbox' }));
  }

  async close() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
