import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amountDueAtBooking } from '../../workflows/state/payment-amount';

describe('amount due at booking', () => {
  it('asks for the deposit when the service takes one', () => {
    assert.equal(amountDueAtBooking({ priceCents: 5000, depositCents: 1000 }), 1000);
  });

  it('asks for the full price when there is no deposit', () => {
    assert.equal(amountDueAtBooking({ priceCents: 5000, depositCents: 0 }), 5000);
  });

  it('asks for the price when the deposit is not less than it', () => {
    assert.equal(amountDueAtBooking({ priceCents: 5000, depositCents: 5000 }), 5000);
    assert.equal(amountDueAtBooking({ priceCents: 5000, depositCents: 8000 }), 5000);
  });

  it('asks for nothing for a free service', () => {
    assert.equal(amountDueAtBooking({ priceCents: 0, depositCents: 0 }), 0);
  });
});
