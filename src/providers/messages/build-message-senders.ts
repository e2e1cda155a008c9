import type { Config } from '../../config/config.schema';
import type { Logger } from '../../logging/logger';
import { LocalMessageSender } from './local-message-sender';
import type { Mailbox, MessageSender } from './message-sender';
import { parseMailbox } from './smtp/mailbox';
import { SmtpEmailSender } from './smtp/smtp-email-sender';
import type { TwilioCredentials, TwilioSender } from './twilio/twilio-sms-sender';
import { TwilioSmsSender } from './twilio/twilio-sms-sender';

type MessageConfig = Pick<
  Config,
  | 'EMAIL_PROVIDER'
  | 'SMS_PROVIDER'
  | 'PUBLIC_BASE_URL'
  | 'SMTP_URL'
  | 'EMAIL_FROM'
  | 'TWILIO_ACCOUNT_SID'
  | 'TWILIO_AUTH_TOKEN'
  | 'TWILIO_API_KEY_SID'
  | 'TWILIO_API_KEY_SECRET'
  | 'TWILIO_FROM'
  | 'TWILIO_MESSAGING_SERVICE_SID'
  | 'TWILIO_API_URL'
>;

/** Read only after loadConfig checked that the selected provider has it. */
function required(config: MessageConfig, name: keyof MessageConfig): string {
  const value = config[name];
  if (!value) throw new Error(`${name} is required by the configured message provider`);
  return value;
}

/** The From of local emails when EMAIL_FROM is unset: the API's own host, so invites still name an organizer. */
function localFrom(config: MessageConfig): Mailbox {
  return { address: `bookings@${new URL(config.PUBLIC_BASE_URL).hostname}`, name: 'Bookings' };
}

function twilioCredentials(config: MessageConfig): TwilioCredentials {
  // An API key is Twilio's advice for production; the auth token alone also works.
  if (config.TWILIO_API_KEY_SID && config.TWILIO_API_KEY_SECRET) return { apiKeySid: config.TWILIO_API_KEY_SID, apiKeySecret: config.TWILIO_API_KEY_SECRET };
  return { authToken: required(config, 'TWILIO_AUTH_TOKEN') };
}

function twilioSender(config: MessageConfig): TwilioSender {
  return config.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID } : { from: required(config, 'TWILIO_FROM') };
}

/** One sender per channel, as EMAIL_PROVIDER and SMS_PROVIDER choose: email first, then SMS. */
export function buildMessageSenders(config: MessageConfig, logger: Logger): MessageSender[] {
  const from = config.EMAIL_FROM ? parseMailbox(config.EMAIL_FROM) : null;
  const email = (() => {
    switch (config.EMAIL_PROVIDER) {
      case 'local':
        return new LocalMessageSender('email', logger.child({ provider: 'local-email' }), from ?? localFrom(config));
      case 'smtp':
        if (!from) throw new Error('EMAIL_FROM holds no email address');
        return new SmtpEmailSender({ smtpUrl: required(config, 'SMTP_URL'), from });
    }
  })();
  const sms = (() => {
    switch (config.SMS_PROVIDER) {
      case 'local':
        return new LocalMessageSender('sms', logger.child({ provider: 'local-sms' }));
      case 'twilio':
        return new TwilioSmsSender({
          accountSid: required(config, 'TWILIO_ACCOUNT_SID'),
          credentials: twilioCredentials(config),
          sender: twilioSender(config),
          publicBaseUrl: config.PUBLIC_BASE_URL,
          ...(config.TWILIO_API_URL ? { apiUrl: config.TWILIO_API_URL } : {}),
        });
    }
  })();
  return [email, sms];
}
