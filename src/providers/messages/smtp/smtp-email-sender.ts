import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MessageSender, Mailbox, OutgoingMessage, SendReceipt } from '../message-sender';
import { mailDomain } from './mailbox';
import { classifySmtpFailure } from './smtp-failure';

export interface SmtpEmailSenderOptions {
  /** `smtps://user:pass@smtp.example.com:465`, `smtp://host:587` (STARTTLS when offered), as nodemailer reads it. */
  smtpUrl: string;
  from: Mailbox;
}

/**
 * Email over SMTP with nodemailer: SendGrid, Mailgun, SES and any mail server through their SMTP
 * endpoints. Every email has a text and an HTML part; a calendar invite rides along as nodemailer's
 * `icalEvent` (a `text/calendar; method=...` alternative, which calendar-aware clients act on, and
 * the same file as an attachment for the others).
 */
export class SmtpEmailSender implements MessageSender {
  readonly provider = 'smtp';
  readonly channel = 'email' as const;
  readonly from: Mailbox;
  private readonly transport: Transporter;

  constructor(options: SmtpEmailSenderOptions) {
    this.from = options.from;
    // Timeouts well inside the activity's 30 s, so a hung server fails the attempt instead of the activity timing out mid-send.
    this.transport = nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 });
  }

  async send(message: OutgoingMessage): Promise<SendReceipt> {
    // The same Message-ID for every attempt of one booking, step and channel: the one stable handle on it.
    const messageId = `<${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}@${mailDomain(this.from.address)}>`;
    try {
      const info = await this.transport.sendMail({
        from: this.from.name ? { name: this.from.name, address: this.from.address } : this.from.address,
        to: message.toName ? { name: message.toName, address: message.to } : message.to,
        subject: message.subject ?? '',
        text: message.body,
        ...(message.html !== undefined ? { html: message.html } : {}),
        messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        ...(message.calendar
          ? { icalEvent: { method: message.calendar.method, filename: message.calendar.filename, content: message.calendar.content } }
          : {}),
      });
      return { providerMessageId: info.messageId ?? messageId, deliveryStatus: 'accepted', ...(info.response ? { detail: String(info.response) } : {}) };
    } catch (error) {
      throw classifySmtpFailure(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
