import { Router, type Request } from 'express';
import { assertFreeInCalendar } from '../../availability/calendar-busy-check';
import { assertSlotOffered, loadBookable } from '../../bookings/bookable-slot';
import { BookingClient } from '../../bookings/booking-client';
import { appointmentEnd } from '../../bookings/booking-input';
import { bookingAccessToken } from '../../bookings/booking-token';
import { createBooking } from '../../bookings/create-booking';
import { RefundChoice } from '../../../workflows/contract';
import type { ApiDeps } from '../api-deps';
import { authorizeBooking } from '../auth/booking-auth';
import { ApiError } from '../errors/api-error';
import type { RouteDoc } from '../route-doc';
import {
  bookingIdParamsSchema,
  bookingResponseSchema,
  cancelBookingBodySchema,
  createBookingBodySchema,
  createBookingResponseSchema,
  idempotencyKeySchema,
  rescheduleBookingBodySchema,
} from '../schemas/booking.schemas';
import { errorResponseSchema } from '../schemas/common.schemas';
import { parseBody, parseParams } from '../validation/parse-request';

function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.get('idempotency-key');
  if (raw === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw ApiError.validation('The Idempotency-Key header is invalid.', [{ path: 'headers.idempotency-key', message: 'must be 1 to 255 characters' }]);
  }
  return parsed.data;
}

/** Public booking routes: create (no auth), and read / cancel / reschedule with the booking's token or the admin key. */
export function createBookingsRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const now = deps.now ?? (() => new Date());
  const bookings = new BookingClient({ temporal: deps.temporal, db, config, logger: deps.logger });
  const secret = (): string => {
    if (!config.BOOKING_TOKEN_SECRET) throw new Error('BOOKING_TOKEN_SECRET is not configured');
    return config.BOOKING_TOKEN_SECRET;
  };
  const router = Router();

  router.post('/v1/bookings', async (req, res) => {
    const body = parseBody(createBookingBodySchema, req);
    const idempotencyKey = idempotencyKeyOf(req);
    const created = await createBooking({ db, bookings, config, calendar: deps.providers.calendar }, { request: body, idempotencyKey, now: now() });
    // A repeat answers like the first request (201, same Location and token), with the booking as it is now.
    res
      .status(201)
      .location(`/v1/bookings/${created.bookingId}`)
      .json({
        booking: created.booking,
        accessToken: bookingAccessToken(secret(), created.bookingId),
        checkoutUrl: created.checkoutUrl,
        clientSecret: created.clientSecret ?? null,
      });
  });

  router.get('/v1/bookings/:id', async (req, res) => {
    const { id } = parseParams(bookingIdParamsSchema, req);
    authorizeBooking(req, config, id);
    res.json({ booking: await bookings.getBooking(id) });
  });

  router.post('/v1/bookings/:id/cancel', async (req, res) => {
    const { id } = parseParams(bookingIdParamsSchema, req);
    const actor = authorizeBooking(req, config, id);
    const body = parseBody(cancelBookingBodySchema, req);
    const booking = await bookings.cancel(id, { reason: body.reason ?? null, actor, refund: RefundChoice.POLICY });
    res.json({ booking });
  });

  router.post('/v1/bookings/:id/reschedule', async (req, res) => {
    const { id } = parseParams(bookingIdParamsSchema, req);
    const actor = authorizeBooking(req, config, id);
    const body = parseBody(rescheduleBookingBodySchema, req);
    const current = await bookings.getBooking(id);
    const { service, resource } = await loadBookable(db, current.serviceId, current.resourceId);
    const start = new Date(body.start);
    // The appointment keeps the length it was booked for (its price tier), which the schedule check uses too.
    const booked = { ...service, durationMinutes: Math.round((Date.parse(current.end) - Date.parse(current.start)) / 60_000) };
    assertSlotOffered(booked, resource, start, now());
    // Issue 7: a meeting in the resource's own calendar refuses a move into it, as it refuses a new booking.
    await assertFreeInCalendar(deps.providers.calendar, booked, resource.id, start, { start: new Date(current.start), end: new Date(current.end) });
    const booking = await bookings.reschedule(id, { start: start.toISOString(), end: appointmentEnd(booked, start), actor });
    res.json({ booking });
  });

  return router;
}

const notFound = { description: 'No such booking, or the caller may not see it (the same answer).', schema: errorResponseSchema };
const conflict = { description: 'The booking cannot make this change in its state (INVALID_TRANSITION) or the slot is taken (SLOT_UNAVAILABLE).', schema: errorResponseSchema };
const notOffered = { description: 'The start is not an offered slot (SLOT_NOT_OFFERED).', schema: errorResponseSchema };
const invalid = { description: 'Invalid request (VALIDATION_FAILED, MALFORMED_JSON).', schema: errorResponseSchema };

export const bookingsRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/bookings',
    summary: 'Book a slot: holds it and answers with the checkout URL in one round trip',
    tag: 'bookings',
    auth: 'none',
    body: createBookingBodySchema,
    headers: [
      {
        name: 'Idempotency-Key',
        description:
          '1 to 255 characters. The same key with the same body returns the same booking as it is now (201, the same token; `checkoutUrl` only while it still waits for payment); with another body, 422 IDEMPOTENCY_KEY_REUSED.',
        required: false,
      },
    ],
    responses: {
      201: { description: 'Held (or confirmed when free). `Location` names the booking.', schema: createBookingResponseSchema },
      400: invalid,
      404: { description: 'Unknown or inactive service or resource.', schema: errorResponseSchema },
      409: { description: 'The slot was just taken (SLOT_UNAVAILABLE).', schema: errorResponseSchema },
      422: {
        description:
          'The start is not an offered slot, or the service is not offered for that durationMinutes (SLOT_NOT_OFFERED, `details.offeredDurations`), or the key was used with another body (IDEMPOTENCY_KEY_REUSED).',
        schema: errorResponseSchema,
      },
    },
  },
  {
    method: 'get',
    path: '/v1/bookings/:id',
    summary: 'Read a booking (booking token or admin key)',
    tag: 'bookings',
    auth: 'booking',
    params: bookingIdParamsSchema,
    responses: { 200: { description: 'The booking.', schema: bookingResponseSchema }, 404: notFound },
  },
  {
    method: 'post',
    path: '/v1/bookings/:id/cancel',
    summary: 'Cancel a booking; the refund follows the service’s refund window',
    tag: 'bookings',
    auth: 'booking',
    params: bookingIdParamsSchema,
    body: cancelBookingBodySchema,
    responses: { 200: { description: 'The cancelled booking.', schema: bookingResponseSchema }, 400: invalid, 404: notFound, 409: conflict },
  },
  {
    method: 'post',
    path: '/v1/bookings/:id/reschedule',
    summary: 'Move a booking to another offered slot (the new slot is held before the old one is released)',
    tag: 'bookings',
    auth: 'booking',
    params: bookingIdParamsSchema,
    body: rescheduleBookingBodySchema,
    responses: {
      200: { description: 'The rescheduled booking.', schema: bookingResponseSchema },
      400: invalid,
      404: notFound,
      409: {
        description:
          'The booking cannot move in its state, or the customer already moved it as often as the service allows (`maxReschedules`; an admin may go past it) (INVALID_TRANSITION); or the slot is taken (SLOT_UNAVAILABLE).',
        schema: errorResponseSchema,
      },
      422: notOffered,
    },
  },
];
