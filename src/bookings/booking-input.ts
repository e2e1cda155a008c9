import type { Resource, Service } from '../catalog/catalog.types';
import type { Config } from '../config/config.schema';
import { atDuration } from '../pricing/price-tiers';
import type { BookingWorkflowInput, PaymentMode, ServiceTerms } from '../../workflows/contract';

const MINUTE_MS = 60_000;

export interface BookingRequest {
  start: string;
  customer: { name: string; email: string; phone?: string | undefined };
  notes?: string | undefined;
  /** The appointment length: one of the service's price tiers (unset: the service's own duration). */
  durationMinutes?: number | undefined;
  /** `elements`: the frontend takes the payment with Stripe's Payment Element (a client secret), not a checkout page. */
  payment?: { mode: PaymentMode } | undefined;
}

/** The service's terms as the booking keeps them: later edits of the service never change a running booking. */
export function serviceTerms(service: Service): ServiceTerms {
  return {
    id: service.id,
    name: service.name,
    durationMinutes: service.durationMinutes,
    priceCents: service.priceCents,
    depositCents: service.depositCents,
    currency: service.currency,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    paymentWindowMinutes: service.paymentWindowMinutes,
    refundWindowHours: service.refundWindowHours,
    reminderOffsetsMinutes: [...service.reminderOffsetsMinutes],
    maxReschedules: service.maxReschedules,
  };
}

/** End of an appointment of this service starting at `start`, as an ISO instant in UTC. */
export function appointmentEnd(service: Pick<Service, 'durationMinutes'>, start: Date): string {
  return new Date(start.getTime() + service.durationMinutes * MINUTE_MS).toISOString();
}

/** The settings a booking copies from the configuration when it starts. */
export type BookingInputConfig = Pick<Config, 'PUBLIC_BASE_URL' | 'MAX_PAYMENT_ATTEMPTS' | 'NO_SHOW_GRACE_MINUTES' | 'LATE_PAYMENT_GRACE_MINUTES'>;

/**
 * The workflow's input for a booking of the asked duration: the tier's length and price become the
 * booking's terms, so the hold, the end, the amount charged, the calendar event and any refund follow it.
 */
export function bookingWorkflowInput(bookingId: string, service: Service, resource: Resource, request: BookingRequest, config: BookingInputConfig): BookingWorkflowInput {
  const start = new Date(request.start);
  const booked = atDuration(service, request.durationMinutes);
  return {
    bookingId,
    service: serviceTerms(booked),
    resource: { id: resource.id, name: resource.name, timeZone: resource.timeZone },
    start: start.toISOString(),
    end: appointmentEnd(booked, start),
    customer: { name: request.customer.name, email: request.customer.email, phone: request.customer.phone ?? null },
    notes: request.notes ?? null,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    maxPaymentAttempts: config.MAX_PAYMENT_ATTEMPTS,
    noShowGraceMinutes: config.NO_SHOW_GRACE_MINUTES,
    latePaymentGraceMinutes: config.LATE_PAYMENT_GRACE_MINUTES,
    ...(request.payment ? { paymentMode: request.payment.mode } : {}),
  };
}
