import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appointmentTimeText } from '../../workflows/state/appointment-time';

describe('the appointment time a customer reads', () => {
  it('is local to the resource, with the zone, in winter and in summer', () => {
    assert.equal(appointmentTimeText('2026-11-23T08:00:00.000Z', 'Europe/Berlin'), 'Mon, 23 Nov 2026, 09:00 CET');
    assert.equal(appointmentTimeText('2026-07-06T07:30:00.000Z', 'Europe/Berlin'), 'Mon, 6 Jul 2026, 09:30 CEST');
  });
});
