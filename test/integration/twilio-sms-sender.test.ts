/**
 * The Twilio sender (the official `twilio` package) against a small local server that answers
 * Twilio's Messages API shapes and error codes (Twilio has no local emulator; see
 * test/support/servers/twilio-messages-api.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isMessageOutcomeUnknown } from '../../src/providers/messages/message-outcome-unknown';
import { TwilioSmsSender, type TwilioSmsSenderOptions } from '../../src/providers/messages/twilio/twilio-sms-sender';
import { isProviderFailure } from '../../src/providers/provider-failure';
import { freePort } from '../support/test-env';
import { startFakeTwilio, type FakeTwilio } from '../support/servers/twilio-messages-api';

const PUBLIC_URL = 'https://bookings.example';

function sms(to: string) {
  return { to, subject: null, body: 'Your Consultation with Alex is confirmed.', attachments: [], idempotencyKey: `bk_1:confirmation:sms:${to}` };
}

describe('SMS through Twilio', () => {
  let twilio: FakeTwilio;
  let options: TwilioSmsSenderOptions;
  let sender: TwilioSmsSender;

  before(async () => {
    twilio = await startFakeTwilio();
    options = { accountSid: twilio.accountSid, credentials: { authToken: twilio.authToken }, sender: { from: '+15005550006' }, publicBaseUrl: PUBLIC_URL, apiUrl: twilio.url };
    sender = new TwilioSmsSender(options);
  });
  after(() => twilio.close());

  it('creates the message from our number and asks for status callbacks at the public webhook URL', async () => {
    const receipt = await sender.send(sms('+4915112345678'));
    assert.match(receipt.providerMessageId, /^SM[0-9a-f]{32}$/);
    assert.equal(receipt.deliveryStatus, 'queued');
    const sent = twilio.messages.find((m) => m.sid === receipt.providerMessageId);
    assert.deepEqual(
      { to: sent?.to, from: sent?.from, body: sent?.body, statusCallback: sent?.statusCallback, authUser: sent?.authUser },
      { to: '+4915112345678', from: '+15005550006', body: 'Your Consultation with Alex is confirmed.', statusCallback: `${PUBLIC_URL}/v1/webhooks/twilio`, authUser: twilio.accountSid },
    );
  });

  it('authenticates with an API key and sends through a Messaging Service', async () => {
    const keyed = new TwilioSmsSender({
      ...options,
      credentials: { apiKeySid: twilio.apiKeySid, apiKeySecret: twilio.apiKeySecret },
      sender: { messagingServiceSid: `MG${'1'.repeat(32)}` },
    });
    const receipt = await keyed.send(sms('+41791234567'));
    assert.equal(receipt.deliveryStatus, 'accepted');
    const sent = twilio.messages.find((m) => m.sid === receipt.providerMessageId);
    assert.equal(sent?.authUser, twilio.apiKeySid);
    assert.equal(sent?.messagingServiceSid, `MG${'1'.repeat(32)}`);
    assert.equal(sent?.from, null);
  });

  it('refuses for good, with Twilio’s code and words, an invalid number (21211) and an unsubscribed one (21610)', async () => {
    for (const [to, code, words] of [
      ['+15005550001', 21211, /is not a valid phone number/],
      ['+15005550004', 21610, /unsubscribed recipient/],
      ['+15005550009', 21614, /not a valid mobile number/],
    ] as const) {
      await assert.rejects(sender.send(sms(to)), (error: unknown) => {
        assert.ok(isProviderFailure(error, 'refused'), String(error));
        assert.equal(error.code, code);
        assert.match(error.message, words);
        return true;
      });
    }
  });

  it('retries later when Twilio rate limits (429) or fails (5xx)', async () => {
    twilio.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    await assert.rejects(sender.send(sms('+4915112345678')), (error: unknown) => isProviderFailure(error, 'rate_limited'));
    twilio.failNext({ status: 503, code: 20503, message: 'Service Unavailable' });
    await assert.rejects(sender.send(sms('+4915112345678')), (error: unknown) => isProviderFailure(error, 'transient'));
    // And the next attempt goes through.
    assert.ok((await sender.send(sms('+4915112345678'))).providerMessageId);
  });

  it('tells an operator when the credentials are wrong', async () => {
    const wrong = new TwilioSmsSender({ ...options, credentials: { authToken: 'not-the-token' } });
    await assert.rejects(wrong.send(sms('+4915112345678')), (error: unknown) => isProviderFailure(error, 'auth') && error.code === 20003);
  });

  it('retries when Twilio cannot be reached: nothing was sent', async () => {
    const nowhere = new TwilioSmsSender({ ...options, apiUrl: `http://127.0.0.1:${await freePort()}` });
    await assert.rejects(nowhere.send(sms('+4915112345678')), (error: unknown) => isProviderFailure(error, 'transient') && !isMessageOutcomeUnknown(error));
  });
});
