import { Router } from 'express';
import { BookingClient } from '../../bookings/booking-client';
import { adminBookingViewFromRecord } from '../../bookings/booking-view';
import { listBookings } from '../../bookings/bookings.repository';
import { listNotifications } from '../../notifications/notifications.repository';
import { notificationView } from '../../notifications/notification-view';
import { Actor, type BookingStatus } from '../../../workflows/contract';
import type { ApiDeps } from '../api-deps';
import { requireAdminKey } from '../auth/admin-auth';
import { ApiError } from '../errors/api-error';
import type { RouteDoc } from '../route-doc';
import {
  adminBookingListResponseSchema,
  adminBookingResponseSchema,
  adminBookingsQuerySchema,
  adminCancelBookingBodySchema,
  bookingIdParamsSchema,
  bookingResponseSchema,
  notificationListResponseSchema,
} from '../schemas/booking.schemas';
import { errorResponseSchema } from '../schemas/common.schemas';
import { parseBody, parseParams, parseQuery } from '../validation/parse-request';

/** Operators' booking routes (X-Api-Key): lists from the read model, actions through the workflow. */
export function createAdminBookingsRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const bookings = new BookingClient({ temporal: deps.temporal, db, config, logger: deps.logger });
  const router = Router();
  router.use('/v1/admin/bookings', requireAdminKey(config));

  router.get('/v1/admin/bookings', async (req, res) => {
    const query = parseQuery(adminBookingsQuerySchema, req);
    const records = await listBookings(db, {
      status: query.status as BookingStatus | undefined,
      resourceId: query.resourceId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      needsAttention: query.attention === undefined ? undefined : query.attention === 'true',
    });
    res.json({ bookings: records.map(adminBookingViewFromRecord) });
  });

  router.get('/v1/admin/bookings/:id', async (req, res) => {
    const { id } = parseParams(bookingIdParamsSchema, req);
    res.json({ booking: await bookings.getAdminBooking(id) });
  });

  router.get('/v1/admin/bookings/:id/notifications', async (req, res) => {
    const { id } = parseParams(bookingIdParamsSchema, req);
    // 404 for an unknown booking rather than an empty list that looks like "nothing sent yet".
    if (!(await bookings.exists(id))) throw ApiError.notFound('Booking');
    const rows = await listNotifications(db, id);
    res.json({ notifications: rows.map((n) => notificationView(n, rows)) });
  });

  router.post('/v1/admin/bookings/:id/cancel', async (req, res) => {
    const { id } = parseParams(bookingIdParamsSchema, req);
    const body = parseBody(adminCancelBookingBodySchema, req);
    const booking = await bookings.cancel(id, { reason: body.reason, actor: Actor.ADMIN, refund: body.refund });
    res.json({ booking });
  });

  router.post('/v1/admin/bookings/:id/no-show', async (req, res) => {
    const { id } = parseParams(bookingIdParamsSchema, req);
    const booking = await bookings.markNoShow(id, { actor: Actor.ADMIN });
    res.json({ booking });
  });

  return router;
}

const unauthorized = { description: 'Missing or wrong X-Api-Key.', schema: errorResponseSchema };
const notFound = { description: 'No such booking.', schema: errorResponseSchema };
const conflict = { description: 'The booking cannot make this change in its state (INVALID_TRANSITION).', schema: errorResponseSchema };

export const adminBookingsRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/admin/bookings',
    summary: 'List bookings from the read model, earliest start first (`attention=true`: those an operator should look at)',
    tag: 'admin',
    auth: 'admin',
    query: adminBookingsQuerySchema,
    responses: { 200: { description: 'Matching bookings.', schema: adminBookingListResponseSchema }, 400: { description: 'Invalid filter.', schema: errorResponseSchema }, 401: unauthorized },
  },
  {
    method: 'get',
    path: '/v1/admin/bookings/:id',
    summary: 'Read a booking with what operators see: undos still being retried and attention flags',
    tag: 'admin',
    auth: 'admin',
    params: bookingIdParamsSchema,
    responses: { 200: { description: 'The booking.', schema: adminBookingResponseSchema }, 401: unauthorized, 404: notFound },
  },
  {
    method: 'get',
    path: '/v1/admin/bookings/:id/notifications',
    summary: 'Messages sent (or being sent) for a booking',
    tag: 'admin',
    auth: 'admin',
    params: bookingIdParamsSchema,
    responses: { 200: { description: 'One row per message and channel.', schema: notificationListResponseSchema }, 401: unauthorized, 404: notFound },
  },
  {
    method: 'post',
    path: '/v1/admin/bookings/:id/cancel',
    summary: 'Cancel a booking with a chosen refund: per policy, full, or none',
    tag: 'admin',
    auth: 'admin',
    params: bookingIdParamsSchema,
    body: adminCancelBookingBodySchema,
    responses: { 200: { description: 'The cancelled booking.', schema: bookingResponseSchema }, 400: { description: 'Invalid body.', schema: errorResponseSchema }, 401: unauthorized, 404: notFound, 409: conflict },
  },
  {
    method: 'post',
    path: '/v1/admin/bookings/:id/no-show',
    summary: 'Mark a confirmed or completed booking as a no-show (counts on the customer)',
    tag: 'admin',
    auth: 'admin',
    params: bookingIdParamsSchema,
    responses: { 200: { description: 'The booking, now NO_SHOW.', schema: bookingResponseSchema }, 401: unauthorized, 404: notFound, 409: conflict },
  },
];
