import type { MessageSender } from '../providers/messages/message-sender';
import { twilioErrorDescription } from './delivery-status';
import { type DeliverDeps, type DeliveryResult, deliverMessage } from './deliver-message';
import { smsFallbackContent } from './message-templates';
import type { NotificationRecord } from './notifications.repository';
import { emailFrom } from './render-message';

export interface SmsFallbackInput {
  sms: NotificationRecord;
  customer: { name: string; email: string };
  manageUrl: string | null;
}

/** The step key of the email standing in for an SMS: with the email channel, sent once per SMS. */
export function smsFallbackKind(smsKind: string): string {
  return `${smsKind}:sms-fallback`;
}

/** Why the SMS did not arrive, in words for the customer: the delivery report's, else what the provider's error code means. */
function failureReason(sms: NotificationRecord): string | null {
  return sms.delivery.detail ?? twilioErrorDescription(sms.delivery.errorCode ?? sms.errorCode);
}

/**
 * Sends the customer by email what their phone did not get: once per SMS, whoever asks (the send
 * that Twilio refused, a status callback that reported it undelivered, a retry of either).
 */
export async function sendSmsFallback(deps: DeliverDeps & { senders: MessageSender[] }, input: SmsFallbackInput): Promise<DeliveryResult | null> {
  const email = deps.senders.find((sender) => sender.channel === 'email');
  if (!email || input.sms.channel !== 'sms') return null;
  const content = smsFallbackContent({ phone: input.sms.recipient, smsText: input.sms.body, reason: failureReason(input.sms) });
  const kind = smsFallbackKind(input.sms.kind);
  return deliverMessage(deps, {
    bookingId: input.sms.bookingId,
    kind,
    sender: email,
    to: input.customer.email,
    toName: input.customer.name,
    rendered: emailFrom(content, input.customer.name, input.manageUrl),
    idempotencyKey: `${input.sms.bookingId}:${kind}:email`,
    fallbackFor: input.sms.id,
  });
}
