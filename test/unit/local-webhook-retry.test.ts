/** When the local provider's outbox tries a webhook again: the policy alone, no clock, no network. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliveryVerdict, nextAttemptDelayMs, parseRetryAfterMs } from '../../src/providers/payments/local/local-webhook-retry';

const policy = { baseDelayMs: 500, maxDelayMs: 60_000 };
const lowest = { random: () => 0 };
const highest = { random: () => 1 };

describe('what an answer from the webhook route means', () => {
  it('counts any 2xx as delivered', () => {
    assert.deepEqual([200, 201, 204].map(deliveryVerdict), ['delivered', 'delivered', 'delivered']);
  });

  it('retries when nobody answered, the API is down or busy (5xx, 408, 429)', () => {
    assert.deepEqual([null, 500, 502, 503, 504, 408, 429].map(deliveryVerdict), ['retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry']);
  });

  it('calls any other 4xx a refusal: a bug to fix, never a reason to drop the payment', () => {
    assert.deepEqual([400, 401, 404, 409, 413, 422].map(deliveryVerdict), ['refused', 'refused', 'refused', 'refused', 'refused', 'refused']);
  });
});

describe('how long an event waits before its next attempt', () => {
  it('doubles from the base after each failed attempt', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => nextAttemptDelayMs(n, 'retry', policy, highest)), [500, 1000, 2000, 4000]);
  });

  it('spreads retries between half and all of the backoff, so a backlog does not come back at once', () => {
    assert.equal(nextAttemptDelayMs(3, 'retry', policy, lowest), 1000);
    assert.equal(nextAttemptDelayMs(3, 'retry', policy, { random: () => 0.5 }), 1500);
    assert.equal(nextAttemptDelayMs(3, 'retry', policy, highest), 2000);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    assert.equal(nextAttemptDelayMs(8, 'retry', policy, highest), 60_000);
    assert.equal(nextAttemptDelayMs(10_000, 'retry', policy, highest), 60_000);
  });

  it('keeps retrying a refused event, at the cap', () => {
    assert.equal(nextAttemptDelayMs(1, 'refused', policy, highest), 60_000);
    assert.equal(nextAttemptDelayMs(1, 'refused', policy, lowest), 30_000);
  });

  it('honours the Retry-After the API sent, up to the cap', () => {
    assert.equal(nextAttemptDelayMs(1, 'retry', policy, { ...highest, retryAfterMs: 5000 }), 5000);
    assert.equal(nextAttemptDelayMs(1, 'retry', policy, { ...highest, retryAfterMs: 3_600_000 }), 60_000);
    assert.equal(nextAttemptDelayMs(4, 'retry', policy, { ...highest, retryAfterMs: 1000 }), 4000);
  });
});

describe('reading Retry-After', () => {
  const now = new Date('2026-12-01T09:00:00Z');

  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfterMs('7', now), 7000);
    assert.equal(parseRetryAfterMs('Tue, 01 Dec 2026 09:00:30 GMT', now), 30_000);
  });

  it('ignores a missing or unreadable header', () => {
    assert.equal(parseRetryAfterMs(null, now), undefined);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
  });
});
