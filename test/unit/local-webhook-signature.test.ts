import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signLocalWebhook, verifyLocalWebhook } from '../../src/providers/payments/local/local-webhook-signature';

const SECRET = 'whsec_local_test_secret_0123456789';
const BODY = JSON.stringify({ id: 'evt_1', type: 'payment.succeeded', created: 1_800_000_000, data: { bookingId: 'bk_x' } });
const NOW = 1_800_000_000;
const TOLERANCE = 300;

describe('local webhook signatures', () => {
  it('accepts a body signed with the shared secret within the tolerance', () => {
    const header = signLocalWebhook(SECRET, BODY, NOW - 10);
    assert.deepEqual(verifyLocalWebhook(SECRET, header, BODY, NOW, TOLERANCE), { ok: true, timestamp: NOW - 10 });
  });

  it('signs the raw bytes, so a Buffer and the same string verify alike', () => {
    const header = signLocalWebhook(SECRET, Buffer.from(BODY), NOW);
    assert.equal(verifyLocalWebhook(SECRET, header, BODY, NOW, TOLERANCE).ok, true);
  });

  it('refuses a body changed after signing, even by one character', () => {
    const header = signLocalWebhook(SECRET, BODY, NOW);
    const tampered = BODY.replace('succeeded', 'succeedeD');
    assert.deepEqual(verifyLocalWebhook(SECRET, header, tampered, NOW, TOLERANCE), { ok: false, failure: 'mismatch' });
  });

  it('refuses a signature made with another secret', () => {
    const header = signLocalWebhook('another_secret_of_enough_length', BODY, NOW);
    assert.deepEqual(verifyLocalWebhook(SECRET, header, BODY, NOW, TOLERANCE), { ok: false, failure: 'mismatch' });
  });

  it('refuses a replay of a genuine request once it is older than the tolerance', () => {
    const header = signLocalWebhook(SECRET, BODY, NOW - TOLERANCE - 1);
    assert.deepEqual(verifyLocalWebhook(SECRET, header, BODY, NOW, TOLERANCE), { ok: false, failure: 'stale' });
  });

  it('refuses a timestamp moved forward, because the timestamp is part of what is signed', () => {
    const header = signLocalWebhook(SECRET, BODY, NOW - 1000).replace(`t=${NOW - 1000}`, `t=${NOW}`);
    assert.deepEqual(verifyLocalWebhook(SECRET, header, BODY, NOW, TOLERANCE), { ok: false, failure: 'mismatch' });
  });

  it('tells a missing header from a malformed one', () => {
    assert.deepEqual(verifyLocalWebhook(SECRET, undefined, BODY, NOW, TOLERANCE), { ok: false, failure: 'missing' });
    assert.deepEqual(verifyLocalWebhook(SECRET, '  ', BODY, NOW, TOLERANCE), { ok: false, failure: 'missing' });
    for (const header of ['garbage', 't=abc,v1=00', `t=${NOW}`, `t=${NOW},v1=xyz`, `v1=${'a'.repeat(64)}`]) {
      assert.deepEqual(verifyLocalWebhook(SECRET, header, BODY, NOW, TOLERANCE), { ok: false, failure: 'malformed' }, header);
    }
  });

  it('accepts the header when one of several v1 signatures matches (secret rotation)', () => {
    const good = signLocalWebhook(SECRET, BODY, NOW);
    const header = `t=${NOW},v1=${'0'.repeat(64)},${good.split(',')[1]}`;
    assert.equal(verifyLocalWebhook(SECRET, header, BODY, NOW, TOLERANCE).ok, true);
  });
});
