import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeliveryFailure, supersedes, twilioErrorDescription } from '../../src/notifications/delivery-status';

describe('delivery reports', () => {
  it('move a message forward, queued → sent → delivered', () => {
    assert.ok(supersedes(null, 'queued'));
    assert.ok(supersedes('queued', 'sent'));
    assert.ok(supersedes('sent', 'delivered'));
    assert.ok(supersedes('accepted', 'sending'));
  });

  it('never move it back when Twilio’s callbacks arrive out of order or twice', () => {
    assert.equal(supersedes('delivered', 'sent'), false);
    assert.equal(supersedes('undelivered', 'queued'), false);
    assert.equal(supersedes('sent', 'sent'), false);
    assert.equal(supersedes('undelivered', 'failed'), false);
  });

  it('ignore a status nobody knows', () => {
    assert.equal(supersedes('sent', 'teleported'), false);
  });

  it('count undelivered and failed as "the phone did not get it"', () => {
    assert.ok(isDeliveryFailure('undelivered'));
    assert.ok(isDeliveryFailure('failed'));
    assert.equal(isDeliveryFailure('delivered'), false);
    assert.equal(isDeliveryFailure(null), false);
  });

  it('give operators words next to Twilio’s error numbers', () => {
    assert.equal(twilioErrorDescription('30003'), 'Unreachable destination handset');
    assert.equal(twilioErrorDescription('39999'), 'Twilio error 39999');
    assert.equal(twilioErrorDescription(undefined), null);
  });
});
