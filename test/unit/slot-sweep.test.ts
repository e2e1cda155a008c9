import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slotsForResources } from '../../src/availability/slots-for-resources';
import type { Resource } from '../../src/catalog/catalog.types';
import { benchResources, benchService, randomBusy, seeded } from '../bench/slots-fixtures';
import { baselineSlots } from '../bench/slots-baseline';

/** The sweep must offer exactly what the scan per candidate offered, whatever the busy times and the zone. */
describe('the availability sweep', () => {
  const cases: { name: string; zone: string; from: string; days: number; overrides?: Resource['dateOverrides'] }[] = [
    { name: 'Berlin in December', zone: 'Europe/Berlin', from: '2026-12-01T00:00:00Z', days: 14 },
    { name: 'Berlin across spring-forward', zone: 'Europe/Berlin', from: '2026-03-25T00:00:00Z', days: 8 },
    { name: 'New York across fall-back, with a closed day and a short day', zone: 'America/New_York', from: '2026-10-28T00:00:00Z', days: 8, overrides: { '2026-10-30': [], '2026-11-02': [{ start: '22:00', end: '24:00' }] } },
    { name: 'Lord Howe (a 30-minute DST shift)', zone: 'Australia/Lord_Howe', from: '2026-10-01T00:00:00Z', days: 7 },
  ];
  for (const c of cases) {
    it(`offers the same slots as the scan it replaced: ${c.name}`, () => {
      const random = seeded(c.days);
      const from = new Date(c.from);
      const to = new Date(from.getTime() + c.days * 24 * 60 * 60_000);
      const now = new Date(from.getTime() - 3 * 60 * 60_000);
      const resources = benchResources(5, c.zone).map((r) => ({ ...r, dateOverrides: c.overrides ?? {} }));
      const busy = new Map(resources.map((r, i) => [r.id, randomBusy(i + 7, Math.floor(random() * 60), from, to)]));
      const service = benchService();
      const product = slotsForResources({ service, resources: resources.map((resource) => ({ resource, busy: busy.get(resource.id) ?? [] })), from, to, now });
      assert.ok(product.length > 0);
      assert.deepEqual(product, baselineSlots(service, resources, busy, from, to, now));
    });
  }
});
