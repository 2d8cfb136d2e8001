import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { Message, Notifier } from '../domain/ports';
import { ses } from './clients/sesv2';
import { sns } from './clients/sns';

/** Gửi thông báo — email through SES, SMS through SNS. The contacts never reach the logs. */
export class SesSnsNotifier implements Notifier {
  send(contact: { email?: string; phone?: string }, message: Message, fromEmail: string) {
    return send(contact, message, fromEmail);
  }
}

async function send(contact: { email?: string; phone?: string }, message: Message, fromEmail: string) {
  const sends: Promise<unknown>[] = [];
  if (contact.email) {
    sends.push(
      ses().send(
        new SendEmailCommand({
          FromEmailAddress: fromEmail,
          Destination: { ToAddresses: [contact.email] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.body, Charset: 'UTF-8' } },
            },
          },
        }),
      ),
    );
  }
  if (contact.phone) {
    sends.push(
      sns().send(new PublishCommand({ PhoneNumber: toE164(contact.phone), Message: message.sms ?? message.subject })),
    );
  }
  await Promise.all(sends);
  return sends.length;
}

/** Vietnamese mobile numbers are written 0xxxxxxxxx at home; SNS wants +84xxxxxxxxx. */
export function toE164(phone: string) {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('84')) return `+${digits}`;
  return `+84${digits.replace(/^0/, '')}`;
}
