/**
 * Every test's fixtures, in one place: a service and resource as the catalog stores them, the terms
 * and input a booking workflow starts with, and the booking as the workflow holds it. Each takes
 * overrides for what a story needs to say out loud.
 */
import { randomBytes } from 'node:crypto';
import type { Resource, Service } from '../../src/catalog/catalog.types';
import type { BookingState, BookingWorkflowInput, ServiceTerms } from '../../workflows/contract';
import { initialBookingState } from '../../workflows/state/booking-state';

export const uniqueSuffix = (): string => randomBytes(5).toString('hex');

let sequence = 0;

/** A booking id unique within the test run, readable in the Web UI. */
export function newBookingId(label: string): string {
  sequence += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

/** A 30-minute consultation for EUR 75.00, bookable any time in the next 60 days. */
export function aService(overrides: Partial<Service> = {}): Service {
  return {
    id: `svc-${uniqueSuffix()}`,
    name: 'Consultation',
    durationMinutes: 30,
    priceCents: 7500,
    currency: 'EUR',
    depositCents: 0,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    maxAdvanceDays: 60,
    slotStepMinutes: 30,
    paymentWindowMinutes: 30,
    refundWindowHours: 24,
    reminderOffsetsMinutes: [1440, 60],
    maxReschedules: 3,
    active: true,
    ...overrides,
  };
}

/** 08:00–20:00 every day in Europe/Berlin: slots tomorrow are always open whenever the test runs. */
export function aResource(serviceIds: string[], overrides: Partial<Resource> = {}): Resource {
  const day = [{ start: '08:00', end: '20:00' }];
  return {
    id: `res-${uniqueSuffix()}`,
    name: 'Alex',
    timeZone: 'Europe/Berlin',
    weeklyHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    dateOverrides: {},
    serviceIds,
    active: true,
    ...overrides,
  };
}

/** The terms a booking workflow copies from its service: a one-hour haircut for CHF 50.00. */
export function aServiceTerms(overrides: Partial<ServiceTerms> = {}): ServiceTerms {
  return {
    id: 'svc-haircut',
    name: 'Haircut',
    durationMinutes: 60,
    priceCents: 5000,
    depositCents: 0,
    currency: 'CHF',
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 15,
    paymentWindowMinutes: 30,
    refundWindowHours: 24,
    reminderOffsetsMinutes: [1440, 60],
    maxReschedules: 3,
    ...overrides,
  };
}

const HOUR = 60 * 60 * 1000;

/** A booking `hoursAhead` from `now` (server time), one hour long, on its own resource unless told. */
export function aBookingInput(
  now: number,
  options: { id?: string; hoursAhead?: number; service?: Partial<ServiceTerms>; resourceId?: string } & Omit<Partial<BookingWorkflowInput>, 'service'> = {},
): BookingWorkflowInput {
  const { id, hoursAhead = 72, service, resourceId, ...rest } = options;
  const bookingId = id ?? newBookingId('booking');
  const start = Math.ceil((now + hoursAhead * HOUR) / HOUR) * HOUR;
  return {
    bookingId,
    service: aServiceTerms(service),
    resource: { id: resourceId ?? `res-${bookingId}`, name: 'Alice', timeZone: 'Europe/Zurich' },
    start: new Date(start).toISOString(),
    end: new Date(start + HOUR).toISOString(),
    customer: { name: 'Dana Customer', email: 'dana@example.test', phone: null },
    notes: null,
    publicBaseUrl: 'http://localhost:3000',
    ...rest,
  };
}

/** The booking as its workflow holds it when it starts, with what the story changes. */
export function aBookingState(now: number, overrides: Partial<BookingState> = {}, input: BookingWorkflowInput = aBookingInput(now)): BookingState {
  return { ...initialBookingState(input, new Date(now).toISOString()), ...overrides };
}
