import type { BookingWorkflowInput, ServiceTerms } from '../../workflows/contract';

let sequence = 0;

/** A booking id unique within the test run, readable in the Web UI. */
export function newBookingId(label: string): string {
  sequence += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

export function serviceTerms(overrides: Partial<ServiceTerms> = {}): ServiceTerms {
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
export function bookingInput(
  now: number,
  options: { id?: string; hoursAhead?: number; service?: Partial<ServiceTerms>; resourceId?: string } & Omit<Partial<BookingWorkflowInput>, 'service'> = {},
): BookingWorkflowInput {
  const { id, hoursAhead = 72, service, resourceId, ...rest } = options;
  const bookingId = id ?? newBookingId('booking');
  const start = Math.ceil((now + hoursAhead * HOUR) / HOUR) * HOUR;
  return {
    bookingId,
    service: serviceTerms(service),
    resource: { id: resourceId ?? `res-${bookingId}`, name: 'Alice', timeZone: 'Europe/Zurich' },
    start: new Date(start).toISOString(),
    end: new Date(start + HOUR).toISOString(),
    customer: { name: 'Dana Customer', email: 'dana@example.test', phone: null },
    notes: null,
    publicBaseUrl: 'http://localhost:3000',
    ...rest,
  };
}
