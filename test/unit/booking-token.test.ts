import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBookingId, newBookingId } from '../../src/bookings/booking-id';
import { bookingAccessToken, isValidBookingToken } from '../../src/bookings/booking-token';
import { requestHash } from '../../src/bookings/request-hash';

const SECRET = 'booking-token-secret-for-tests';

describe('booking access tokens', () => {
  it('gives the same token for the same booking, so an idempotent repeat returns it unchanged', () => {
    const id = newBookingId();
    assert.equal(bookingAccessToken(SECRET, id), bookingAccessToken(SECRET, id));
  });

  it('accepts the token of the booking and refuses it for any other booking', () => {
    const mine = newBookingId();
    const theirs = newBookingId();
    const token = bookingAccessToken(SECRET, mine);
    assert.equal(isValidBookingToken(SECRET, mine, token), true);
    assert.equal(isValidBookingToken(SECRET, theirs, token), false);
  });

  it('refuses a token made with another secret, a truncated token and an empty one', () => {
    const id = newBookingId();
    const token = bookingAccessToken(SECRET, id);
    assert.equal(isValidBookingToken('a-different-secret-entirely', id, bookingAccessToken('a-different-secret-entirely', id)), true);
    assert.equal(isValidBookingToken(SECRET, id, bookingAccessToken('a-different-secret-entirely', id)), false);
    assert.equal(isValidBookingToken(SECRET, id, token.slice(0, -1)), false);
    assert.equal(isValidBookingToken(SECRET, id, ''), false);
  });

  it('is URL-safe base64 of a SHA-256 HMAC (43 characters)', () => {
    assert.match(bookingAccessToken(SECRET, newBookingId()), /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('booking ids', () => {
  it('are bk_ and 20 base32 characters, and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newBookingId));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.equal(isBookingId(id), true, id);
    assert.equal(isBookingId('bk_short'), false);
    assert.equal(isBookingId('booking-bk_aaaaaaaaaaaaaaaaaaaa'), false);
  });
});

describe('request hashes for idempotency keys', () => {
  it('ignore key order, so the same request sent by another client library is the same request', () => {
    const a = { serviceId: 's', start: 'x', customer: { name: 'Jane', email: 'j@example.com' } };
    const b = { customer: { email: 'j@example.com', name: 'Jane' }, start: 'x', serviceId: 's' };
    assert.equal(requestHash(a), requestHash(b));
  });

  it('differ when any value differs', () => {
    const a = { serviceId: 's', start: '2026-12-01T09:00:00Z' };
    assert.notEqual(requestHash(a), requestHash({ ...a, start: '2026-12-01T09:30:00Z' }));
  });
});
