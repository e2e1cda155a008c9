/** The service, resources and busy times the slot benchmark (and its equivalence test) compute over. */
import type { Resource, Service } from '../../src/catalog/catalog.types';
import type { Interval } from '../../src/providers/calendar/calendar-provider';

export function benchService(): Service {
  return {
    id: 'svc_bench',
    name: 'Bench consultation',
    durationMinutes: 30,
    priceCents: 5000,
    currency: 'EUR',
    depositCents: 0,
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 60,
    maxAdvanceDays: 90,
    slotStepMinutes: 15,
    paymentWindowMinutes: 30,
    refundWindowHours: 24,
    reminderOffsetsMinutes: [],
    maxReschedules: 3,
    active: true,
  };
}

export function benchResources(count: number, timeZone = 'Europe/Berlin'): Resource[] {
  const day = [{ start: '08:00', end: '20:00' }];
  return Array.from({ length: count }, (_, i) => ({
    id: `res_bench_${String(i).padStart(3, '0')}`,
    name: `Bench ${i}`,
    timeZone,
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    dateOverrides: {},
    serviceIds: ['svc_bench'],
    active: true,
  }));
}

/** A small deterministic generator (mulberry32), so every run computes over the same busy times. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` busy intervals of 15 to 120 minutes on a 5-minute grid, spread over [from, to). */
export function randomBusy(seed: number, count: number, from: Date, to: Date): Interval[] {
  const random = seeded(seed);
  const span = to.getTime() - from.getTime();
  return Array.from({ length: count }, () => {
    const start = from.getTime() + Math.floor((random() * span) / 300_000) * 300_000;
    const minutes = 15 + Math.floor(random() * 22) * 5;
    return { start: new Date(start), end: new Date(start + minutes * 60_000) };
  });
}
