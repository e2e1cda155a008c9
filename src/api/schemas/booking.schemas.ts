/** Bookings: what the booking and admin booking routes accept and answer. */
import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { BOOKING_STATUSES, BookingEvent, PaymentStatus, RefundChoice } from '../../../workflows/contract';
import { instantSchema } from './common.schemas';

const bookingStatusSchema = z.enum(BOOKING_STATUSES as [string, ...string[]]);

const E164 = /^\+[1-9]\d{6,14}$/;

export const customerInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    // Issue 8: SMS go to this number, so it must be E.164 and a number its country's plan allows.
    phone: z
      .string()
      .regex(E164, 'must be E.164, e.g. +4915112345678')
      // Only once it is E.164 at all, so a malformed number gets one message, not two.
      .refine((value) => !E164.test(value) || isValidPhoneNumber(value), 'is not a valid phone number for its country code')
      .optional(),
  })
  .strict();

export const createBookingBodySchema = z
  .object({
    serviceId: z.string().min(1).max(64),
    resourceId: z.string().min(1).max(64),
    start: instantSchema,
    customer: customerInputSchema,
    notes: z.string().max(2000).optional(),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .optional()
      .describe('The appointment length, one of the service\'s price tiers (default: the service\'s own duration); the price follows it.'),
    payment: z
      .object({
        mode: z
          .enum(['checkout', 'elements'])
          .describe('`checkout` (default): a hosted payment page (`checkoutUrl`). `elements`: Stripe\'s Payment Element in your own page (`clientSecret`).'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'CreateBookingRequest' });
export type CreateBookingBody = z.infer<typeof createBookingBodySchema>;

/** Unknown or malformed ids get the same 404 as a booking the caller may not see, so the route takes any string. */
export const bookingIdParamsSchema = z.object({ id: z.string().min(1).max(200) }).strict();

export const cancelBookingBodySchema = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();

export const rescheduleBookingBodySchema = z.object({ start: instantSchema }).strict();

export const adminCancelBookingBodySchema = z
  .object({
    reason: z.string().trim().min(1).max(500),
    refund: z.enum([RefundChoice.POLICY, RefundChoice.FULL, RefundChoice.NONE]),
  })
  .strict();

export const adminBookingsQuerySchema = z
  .object({
    status: bookingStatusSchema.optional(),
    resourceId: z.string().min(1).max(64).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    attention: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true`: only bookings an operator should look at (undos failing, disputes); `false`: only the others.'),
  })
  .strict();

export const idempotencyKeySchema = z.string().min(1).max(255);

export const bookingSchema = z
  .object({
    id: z.string(),
    status: bookingStatusSchema,
    serviceId: z.string(),
    resourceId: z.string(),
    start: instantSchema,
    end: instantSchema,
    customer: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }),
    payment: z.object({
      provider: z.string().nullable().describe('Who takes the payment (`local`, `stripe`, `payrexx`); null while no payment session exists (or nothing is to pay).'),
      status: z.enum(Object.values(PaymentStatus) as [string, ...string[]]),
      amountCents: z.number().int().describe('What is charged when booking: the deposit when the service takes one, else the price.'),
      depositCents: z.number().int().describe('The deposit charged when booking; 0 when the full price is charged.'),
      balanceDueCents: z.number().int().describe('What is left to pay at the appointment (the price less the deposit), while the appointment is ahead; else 0.'),
      priceCents: z.number().int().describe('The full price of this booking (of its duration\'s tier).'),
      refundedCents: z.number().int().describe('Refunded so far, as the payment provider reports it.'),
      currency: z.string(),
    }),
    history: z.array(
      z.object({ status: bookingStatusSchema, event: z.enum(Object.values(BookingEvent) as [string, ...string[]]), at: instantSchema }),
    ),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .meta({ id: 'Booking' });

export const bookingResponseSchema = z.object({ booking: bookingSchema });

/** What admins see besides the public booking. */
export const adminBookingSchema = bookingSchema
  .extend({
    pendingUndos: z
      .array(z.object({ name: z.string(), attempts: z.number().int(), lastError: z.string(), since: instantSchema }))
      .describe('Undos (refund, hold release, calendar delete) that failed and are being retried until they succeed.'),
    attention: z.array(z.string()).describe('Why an operator may want to look (`compensation-failing`, `disputed`...); empty when all is well.'),
  })
  .meta({ id: 'AdminBooking' });

export const adminBookingResponseSchema = z.object({ booking: adminBookingSchema });
export const adminBookingListResponseSchema = z.object({ bookings: z.array(adminBookingSchema) });

export const createBookingResponseSchema = z.object({
  booking: bookingSchema,
  accessToken: z.string().describe('Send as `Authorization: Bearer <accessToken>` to read, cancel or reschedule this booking.'),
  checkoutUrl: z
    .string()
    .nullable()
    .describe('Where the customer pays, while the booking waits for payment; null when nothing is (left) to pay, e.g. on a repeat of a paid or cancelled booking.'),
  clientSecret: z
    .string()
    .nullable()
    .describe('With `payment.mode: "elements"`: the Stripe PaymentIntent client secret your page confirms with the Payment Element, while the booking waits for payment; else null.'),
});

export const notificationListResponseSchema = z.object({
  notifications: z.array(
    z.object({
      kind: z.string(),
      channel: z.enum(['email', 'sms']),
      to: z.string(),
      status: z.enum(['pending', 'sent', 'failed']).describe('`pending` also while an attempt is in flight.'),
      sentAt: instantSchema.nullable(),
      // Issue 8: what operators need to see why a message did not arrive.
      provider: z.string(),
      providerMessageId: z.string().nullable().describe('Twilio’s MessageSid, the email’s Message-ID.'),
      attempts: z.number().int(),
      failure: z
        .object({ kind: z.string().describe('`refused` and `outcome_unknown` are final; others are retried.'), code: z.string().nullable(), reason: z.string() })
        .nullable()
        .describe('Why the last attempt failed: the provider’s code (Twilio 21211, SMTP 550...) and its words.'),
      delivery: z
        .object({
          status: z.string().describe('Twilio: queued, sent, delivered, undelivered, failed. SMTP: accepted, rejected.'),
          code: z.string().nullable(),
          detail: z.string().nullable(),
          at: instantSchema.nullable(),
        })
        .nullable()
        .describe('What the provider reported after it took the message.'),
      fallbackFor: z.string().nullable().describe('On an email standing in for an undelivered SMS: that SMS’s kind.'),
    }),
  ),
});
