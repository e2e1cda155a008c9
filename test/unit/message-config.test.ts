import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/load-config';
import { buildMessageSenders } from '../../src/providers/messages/build-message-senders';
import { createLogger } from '../../src/logging/logger';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const API_KEY = `SK${'b'.repeat(32)}`;
const SERVICE = `MG${'c'.repeat(32)}`;

/** What every process needs, so each test shows only the message settings. */
const base: NodeJS.ProcessEnv = {
  DATABASE_URL: 'postgres://db.internal/bookings',
  TEMPORAL_ADDRESS: 'temporal.internal:7233',
  ADMIN_API_KEY: 'an-admin-key-of-some-length',
  BOOKING_TOKEN_SECRET: 'a-token-secret-of-some-length',
  LOCAL_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length',
};

function refusal(env: NodeJS.ProcessEnv, role: 'api' | 'worker' | 'all' = 'all'): string {
  try {
    loadConfig({ ...base, ...env }, role);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

describe('the message channels’ configuration', () => {
  it('keeps both channels local by default', () => {
    const config = loadConfig(base);
    assert.equal(config.EMAIL_PROVIDER, 'local');
    assert.equal(config.SMS_PROVIDER, 'local');
  });

  it('still accepts the deprecated MESSAGE_PROVIDER as the default of both', () => {
    const config = loadConfig({ ...base, MESSAGE_PROVIDER: 'local' });
    assert.equal(config.EMAIL_PROVIDER, 'local');
    assert.equal(config.SMS_PROVIDER, 'local');
    assert.equal(loadConfig({ ...base, MESSAGE_PROVIDER: 'local', EMAIL_PROVIDER: 'smtp', SMTP_URL: 'smtp://mail:587', EMAIL_FROM: 'b@x.example' }).EMAIL_PROVIDER, 'smtp');
  });

  it('stops SMTP without its server or sender, naming them', () => {
    const message = refusal({ EMAIL_PROVIDER: 'smtp' });
    assert.match(message, /SMTP_URL: required/);
    assert.match(message, /EMAIL_FROM: required/);
    assert.match(refusal({ EMAIL_PROVIDER: 'smtp', SMTP_URL: 'http://mail', EMAIL_FROM: 'b@x.example' }), /SMTP_URL: must be smtp:\/\/\.\.\. or smtps:\/\/\.\.\./);
  });

  it('stops Twilio without an account, credentials or a sender, naming them', () => {
    const message = refusal({ SMS_PROVIDER: 'twilio' });
    assert.match(message, /TWILIO_ACCOUNT_SID: required/);
    assert.match(message, /TWILIO_AUTH_TOKEN \(or TWILIO_API_KEY_SID \+ TWILIO_API_KEY_SECRET\): required/);
    assert.match(message, /TWILIO_FROM \(or TWILIO_MESSAGING_SERVICE_SID\): required/);
    assert.match(refusal({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'not-a-sid' }), /TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits/);
  });

  it('lets a worker send with an API key, but the API needs the auth token that signs status callbacks', () => {
    const env = { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY_SID: API_KEY, TWILIO_API_KEY_SECRET: 'secret', TWILIO_MESSAGING_SERVICE_SID: SERVICE };
    assert.equal(loadConfig({ ...base, ...env }, 'worker').SMS_PROVIDER, 'twilio');
    assert.match(refusal(env, 'api'), /TWILIO_AUTH_TOKEN \(verifies status callbacks\): required/);
  });

  it('needs the token secret in the worker too, which signs the manage link in every message', () => {
    assert.match(refusal({ BOOKING_TOKEN_SECRET: '' }, 'worker'), /BOOKING_TOKEN_SECRET: required/);
  });

  it('builds one sender per channel as configured', () => {
    const config = loadConfig({
      ...base,
      EMAIL_PROVIDER: 'smtp',
      SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
      EMAIL_FROM: '"Acme Bookings" <bookings@acme.example>',
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15005550006',
    });
    const senders = buildMessageSenders(config, createLogger('error'));
    assert.deepEqual(
      senders.map((s) => [s.channel, s.provider]),
      [['email', 'smtp'], ['sms', 'twilio']],
    );
    assert.deepEqual(senders[0]?.from, { address: 'bookings@acme.example', name: 'Acme Bookings' });
  });
});
