import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { balanceDueCents } from '../../src/pricing/balance-due';
import { atDuration, offeredDurations, offeredTiers, tierConflicts, tierFor } from '../../src/pricing/price-tiers';
import { DurationNotOfferedError } from '../../src/pricing/pricing-errors';

/** Seed 003's consultation: 30 minutes at 50.00, or 60 at 90.00. */
const consultation = { id: 'svc', durationMinutes: 30, priceCents: 5000, priceTiers: [{ durationMinutes: 60, priceCents: 9000 }] };

describe('prices by duration', () => {
  it('offers the service’s own duration at its own price, and each tier, shortest first', () => {
    const service = { ...consultation, priceTiers: [{ durationMinutes: 90, priceCents: 12000 }, { durationMinutes: 60, priceCents: 9000 }] };
    assert.deepEqual(offeredTiers(service), [
      { durationMinutes: 30, priceCents: 5000 },
      { durationMinutes: 60, priceCents: 9000 },
      { durationMinutes: 90, priceCents: 12000 },
    ]);
  });

  it('offers only its own duration when the service has no tiers', () => {
    assert.deepEqual(offeredDurations({ durationMinutes: 45, priceCents: 7000 }), [45]);
  });

  it('prices a booking by the duration asked for, and by the service’s own when none is asked', () => {
    assert.deepEqual(tierFor(consultation, 60), { durationMinutes: 60, priceCents: 9000 });
    assert.deepEqual(tierFor(consultation), { durationMinutes: 30, priceCents: 5000 });
  });

  it('refuses a duration with no tier, naming the durations on offer', () => {
    assert.throws(
      () => tierFor(consultation, 45),
      (error: unknown) => error instanceof DurationNotOfferedError && error.durationMinutes === 45 && error.offeredDurations.join() === '30,60' && /30, 60/.test(error.message),
    );
  });

  it('gives the booking the tier’s length and price, keeping everything else of the service', () => {
    const booked = atDuration(consultation, 60);
    assert.equal(booked.durationMinutes, 60);
    assert.equal(booked.priceCents, 9000);
    assert.equal(booked.id, 'svc');
    // Asking again of the tiered service changes nothing.
    assert.deepEqual(atDuration(booked, 60), booked);
  });

  it('finds tiers that list a duration twice or price the service’s own duration differently', () => {
    assert.deepEqual(tierConflicts(consultation), []);
    assert.deepEqual(tierConflicts({ ...consultation, priceTiers: [{ durationMinutes: 30, priceCents: 5000 }, { durationMinutes: 60, priceCents: 9000 }] }), []);
    const conflicts = tierConflicts({
      ...consultation,
      priceTiers: [
        { durationMinutes: 30, priceCents: 4000 },
        { durationMinutes: 60, priceCents: 9000 },
        { durationMinutes: 60, priceCents: 9500 },
      ],
    });
    assert.deepEqual(conflicts.map((c) => c.index), [0, 2]);
  });
});

describe('the balance due at the appointment', () => {
  it('is the price less the deposit while the appointment is ahead', () => {
    assert.equal(balanceDueCents({ status: 'AWAITING_PAYMENT', priceCents: 9000, amountCents: 2000 }), 7000);
    assert.equal(balanceDueCents({ status: 'CONFIRMED', priceCents: 9000, amountCents: 2000 }), 7000);
  });

  it('is nothing when the full price was charged when booking', () => {
    assert.equal(balanceDueCents({ status: 'CONFIRMED', priceCents: 9000, amountCents: 9000 }), 0);
  });

  it('is nothing for a booking that will not take place', () => {
    for (const status of ['CANCELLED', 'EXPIRED', 'PAYMENT_FAILED', 'REJECTED'] as const) {
      assert.equal(balanceDueCents({ status, priceCents: 9000, amountCents: 2000 }), 0, status);
    }
  });
});
