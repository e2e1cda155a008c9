import twilio from 'twilio';
import type { MessageSender, OutgoingMessage, SendReceipt } from '../message-sender';
import { TwilioBaseUrlClient } from './twilio-base-url-client';
import { classifyTwilioFailure } from './twilio-failure';
import { twilioStatusCallbackUrl } from './twilio-webhook-url';

/** Either the account's auth token, or an API key and its secret (Twilio's recommendation for production). */
export type TwilioCredentials = { authToken: string } | { apiKeySid: string; apiKeySecret: string };

/** The sender: a phone number (or alphanumeric id) of the account, or a Messaging Service that picks one. */
export type TwilioSender = { from: string } | { messagingServiceSid: string };

export interface TwilioSmsSenderOptions {
  accountSid: string;
  credentials: TwilioCredentials;
  sender: TwilioSender;
  /** Status callbacks go to `<publicBaseUrl>/v1/webhooks/twilio`. */
  publicBaseUrl: string;
  /** Another base URL than https://api.twilio.com (a proxy; a local server in tests). */
  apiUrl?: string;
}

/**
 * SMS through Twilio's Messages API with the official `twilio` package. Each message asks for status
 * callbacks, so `queued → sent → delivered` (or `undelivered` / `failed`) lands on its notification
 * row. The package's own retries stay off: the activity's retry policy owns retrying (429 and 5xx).
 */
export class TwilioSmsSender implements MessageSender {
  readonly provider = 'twilio';
  readonly channel = 'sms' as const;
  private readonly client: twilio.Twilio;
  private readonly statusCallback: string;

  constructor(private readonly options: TwilioSmsSenderOptions) {
    const { accountSid, credentials } = options;
    const [username, password] = 'authToken' in credentials ? [accountSid, credentials.authToken] : [credentials.apiKeySid, credentials.apiKeySecret];
    const timeout = 15_000;
    this.client = twilio(username, password, {
      accountSid,
      timeout,
      autoRetry: false,
      ...(options.apiUrl ? { httpClient: new TwilioBaseUrlClient(options.apiUrl, { timeout }) } : {}),
    });
    this.statusCallback = twilioStatusCallbackUrl(options.publicBaseUrl);
  }

  async send(message: OutgoingMessage): Promise<SendReceipt> {
    const sender = this.options.sender;
    try {
      const created = await this.client.messages.create({
        to: message.to,
        body: message.body,
        statusCallback: this.statusCallback,
        ...('from' in sender ? { from: sender.from } : { messagingServiceSid: sender.messagingServiceSid }),
      });
      return { providerMessageId: created.sid, deliveryStatus: created.status };
    } catch (error) {
      throw classifyTwilioFailure(error);
    }
  }
}
