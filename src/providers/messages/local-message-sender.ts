import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { Channel, Mailbox, MessageSender, OutgoingMessage, SendReceipt } from './message-sender';

/**
 * Delivers a message to the log instead of a mailbox or phone. The `notifications` row (written by the
 * sendNotification activity) holds the full text, so the local product keeps every message it sent.
 */
export class LocalMessageSender implements MessageSender {
  readonly provider = 'local';

  constructor(
    readonly channel: Channel,
    private readonly logger: Logger,
    readonly from?: Mailbox,
  ) {}

  send(message: OutgoingMessage): Promise<SendReceipt> {
    const providerMessageId = `local_${this.channel}_${randomUUID()}`;
    this.logger.info('message sent', {
      channel: this.channel,
      to: message.to,
      subject: message.subject,
      body: message.body,
      attachments: [...message.attachments.map((a) => a.filename), ...(message.calendar ? [message.calendar.filename] : [])],
      idempotencyKey: message.idempotencyKey,
      providerMessageId,
    });
    return Promise.resolve({ providerMessageId, deliveryStatus: 'logged' });
  }
}
