import type { NotificationKind } from '../../workflows/contract';
import type { Channel } from '../providers/messages/message-sender';
import { emailHtml } from './email-html';
import type { MessageFacts } from './message-facts';
import { type MessageContent, messageContent } from './message-templates';

export { formatAppointmentTime, formatMoney, type MessageFacts } from './message-facts';

export interface RenderedMessage {
  /** Null for SMS. */
  subject: string | null;
  /** Plain text: the whole SMS, or the email's text part. */
  body: string;
  /** The email's HTML part (same words as `body`); absent for SMS. */
  html?: string;
}

const MANAGE_LABEL = 'View, reschedule or cancel your booking';
const CLOSING = 'See you soon.';

/** The SMS: the headline and its links, nothing more (every extra line costs a segment). */
function sms(content: MessageContent, manageUrl: string | null | undefined): RenderedMessage {
  const links = [content.action ? `Pay: ${content.action.url}` : null, manageUrl ? `Manage: ${manageUrl}` : null].filter(Boolean);
  return { subject: null, body: [content.headline, ...links].join(' ') };
}

/** An email from its content: text and HTML with the same words, the manage link in both. */
export function emailFrom(content: MessageContent, customerName: string, manageUrl: string | null | undefined): RenderedMessage {
  const greeting = `Hello ${customerName},`;
  const text = [greeting, '', content.headline, ...content.details];
  if (content.action) text.push('', `${content.action.label}: ${content.action.url}`);
  if (manageUrl) text.push('', `${MANAGE_LABEL}: ${manageUrl}`);
  text.push('', CLOSING);
  const html = emailHtml({
    greeting,
    headline: content.headline,
    details: content.details,
    ...(content.action ? { action: content.action } : {}),
    ...(manageUrl ? { manage: { label: MANAGE_LABEL, url: manageUrl } } : {}),
    closing: CLOSING,
  });
  return { subject: content.subject, body: text.join('\n'), html };
}

/** The subject, text and HTML of one message, per kind and channel. */
export function renderMessage(kind: NotificationKind, channel: Channel, facts: MessageFacts): RenderedMessage {
  const content = messageContent(kind, facts);
  return channel === 'sms' ? sms(content, facts.manageUrl) : emailFrom(content, facts.customer.name, facts.manageUrl);
}
