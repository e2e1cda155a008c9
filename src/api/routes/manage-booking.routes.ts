import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { isBookingId } from '../../bookings/booking-id';
import { isValidBookingToken } from '../../bookings/booking-token';
import { bookingViewFromRecord } from '../../bookings/booking-view';
import { getBooking } from '../../bookings/bookings.repository';
import { getResource } from '../../catalog/resources.repository';
import { getService } from '../../catalog/services.repository';
import type { ApiDeps } from '../api-deps';
import { ApiError } from '../errors/api-error';
import type { RouteDoc } from '../route-doc';
import { bookingSchema, bookingIdParamsSchema } from '../schemas/booking.schemas';
import { errorResponseSchema } from '../schemas/common.schemas';
import { parseParams, parseQuery } from '../validation/parse-request';
import { manageBookingPage, manageNoticePage } from './manage-booking.page';

const manageQuerySchema = z.object({ token: z.string().min(1).max(200).describe('The booking’s access token, as the link in every message carries it.') }).strict();

const manageResponseSchema = z.object({
  booking: bookingSchema,
  serviceName: z.string(),
  resourceName: z.string(),
  timeZone: z.string().describe('The resource’s zone: the appointment’s local time is shown in it.'),
  actions: z
    .object({ cancel: z.string(), reschedule: z.string(), availability: z.string() })
    .describe('The booking API routes this page calls, with `Authorization: Bearer <token>`.'),
});

const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

/**
 * `GET /manage/:id?token=...`: where the link in every message leads. The token is the booking's
 * access token (the same the API answered when it was made), so a customer who lost that answer can
 * still see, cancel or reschedule the booking. Browsers get a small page that calls the booking
 * routes with it; JSON clients get the booking and those routes. A wrong token and an unknown
 * booking answer the same 404.
 */
export function createManageBookingRouter(deps: ApiDeps): Router {
  const { db, config } = deps;
  const router = Router();

  const notFound = (req: Request, res: Response): void => {
    if (wantsJson(req)) throw ApiError.notFound('Booking');
    res.status(404).type('html').send(manageNoticePage('Booking not found', 'This link does not open a booking. Please use the latest link we sent you.'));
  };

  router.get('/manage/:id', async (req, res) => {
    // The token is in the URL: keep it out of caches and out of Referer headers to other sites.
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    const { id } = parseParams(bookingIdParamsSchema, req);
    const { token } = parseQuery(manageQuerySchema, req);
    const secret = config.BOOKING_TOKEN_SECRET;
    if (!secret || !isBookingId(id) || !isValidBookingToken(secret, id, token)) return notFound(req, res);
    const booking = await getBooking(db, id);
    if (!booking) return notFound(req, res);
    const [service, resource] = await Promise.all([getService(db, booking.serviceId), getResource(db, booking.resourceId)]);
    const facts = {
      booking,
      serviceName: service?.name ?? booking.serviceId,
      resourceName: resource?.name ?? booking.resourceId,
      timeZone: resource?.timeZone ?? 'UTC',
    };
    if (!wantsJson(req)) {
      res.type('html').send(manageBookingPage(facts));
      return;
    }
    const path = `/v1/bookings/${encodeURIComponent(id)}`;
    res.json({
      booking: bookingViewFromRecord(booking),
      serviceName: facts.serviceName,
      resourceName: facts.resourceName,
      timeZone: facts.timeZone,
      actions: { cancel: `${path}/cancel`, reschedule: `${path}/reschedule`, availability: `/v1/availability?serviceId=${encodeURIComponent(booking.serviceId)}&resourceId=${encodeURIComponent(booking.resourceId)}` },
    });
  });

  return router;
}

export const manageBookingRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/manage/:id',
    summary: 'The customer’s page for one booking, opened from the manage link in every message (HTML for browsers, JSON when asked for)',
    tag: 'bookings',
    auth: 'none',
    params: bookingIdParamsSchema,
    query: manageQuerySchema,
    responses: {
      200: { description: 'The booking with its service, resource, local zone and the routes that cancel or move it (a page for browsers).', schema: manageResponseSchema },
      400: { description: 'No token (VALIDATION_FAILED).', schema: errorResponseSchema },
      404: { description: 'No such booking, or the token is not its (the same answer).', schema: errorResponseSchema },
    },
  },
];
