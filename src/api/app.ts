/**
 * The Express app: middleware in the order it must run, every router, then the one error
 * middleware. Routers declare full paths and are mounted at the root.
 */
import express from 'express';
import type { ApiDeps } from './api-deps';
import { createErrorMiddleware } from './errors/error-middleware';
import { parseJsonBodies, parseLocalCheckoutForms, requireJsonContentType } from './middleware/body-parsing';
import { notFound } from './middleware/not-found';
import { createRateLimiter } from './middleware/rate-limit';
import { requestContext } from './middleware/request-context';
import { createOpenApiRouter, openApiRouteDocs } from './openapi/openapi.routes';
import type { RouteDoc } from './route-doc';
import { adminBookingsRouteDocs, createAdminBookingsRouter } from './routes/admin-bookings.routes';
import { adminCatalogRouteDocs, createAdminCatalogRouter } from './routes/admin-catalog.routes';
import { availabilityRouteDocs, createAvailabilityRouter } from './routes/availability.routes';
import { bookingsRouteDocs, createBookingsRouter } from './routes/bookings.routes';
import { catalogRouteDocs, createCatalogRouter } from './routes/catalog.routes';
import { createHealthRouter, healthRouteDocs } from './routes/health.routes';
import { createLocalCheckoutRouter, localCheckoutRouteDocs } from './routes/local-checkout.routes';
import { createManageBookingRouter, manageBookingRouteDocs } from './routes/manage-booking.routes';
import { createTwilioWebhooksRouter, twilioWebhooksRouteDocs } from './routes/twilio-webhooks.routes';
import { createWebhooksRouter, webhooksRouteDocs } from './routes/webhooks.routes';
import { calendlyWebhooksRouteDocs, createCalendlyWebhooksRouter } from './routes/calendly-webhooks.routes';
import { createPayrexxWebhooksRouter, payrexxWebhooksRouteDocs } from './routes/payrexx-webhooks.routes';
import { createStripeWebhooksRouter, stripeWebhooksRouteDocs } from './routes/stripe-webhooks.routes';

/** Every documented route; /openapi.json is generated from this list (and a test checks it covers the routers). */
export const allRouteDocs: RouteDoc[] = [
  ...healthRouteDocs,
  ...catalogRouteDocs,
  ...availabilityRouteDocs,
  ...bookingsRouteDocs,
  ...adminCatalogRouteDocs,
  ...adminBookingsRouteDocs,
  ...localCheckoutRouteDocs,
  ...webhooksRouteDocs,
  ...twilioWebhooksRouteDocs,
  ...calendlyWebhooksRouteDocs,
  ...manageBookingRouteDocs,
  ...stripeWebhooksRouteDocs,
  ...payrexxWebhooksRouteDocs,
  ...openApiRouteDocs,
];

/** Public writes: what an anonymous client can hammer. Admin routes are behind the key instead. */
const RATE_LIMITED_PATHS = ['/v1/bookings', '/v1/bookings/*rest', '/local-checkout/*rest', '/v1/webhooks/*rest'];

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.use(requestContext(deps.logger));
  app.post(RATE_LIMITED_PATHS, createRateLimiter({ perMinute: deps.config.RATE_LIMIT_PER_MINUTE }));
  app.use(requireJsonContentType());
  app.use(parseJsonBodies());
  app.use(parseLocalCheckoutForms());

  app.use(createHealthRouter(deps));
  app.use(createOpenApiRouter(allRouteDocs, deps.config.PUBLIC_BASE_URL));
  app.use(createCatalogRouter(deps));
  app.use(createAvailabilityRouter(deps));
  app.use(createBookingsRouter(deps));
  app.use(createAdminCatalogRouter(deps));
  app.use(createAdminBookingsRouter(deps));
  app.use(createLocalCheckoutRouter(deps));
  app.use(createWebhooksRouter(deps));
  app.use(createTwilioWebhooksRouter(deps));
  app.use(createCalendlyWebhooksRouter(deps));
  app.use(createManageBookingRouter(deps));
  app.use(createStripeWebhooksRouter(deps));
  app.use(createPayrexxWebhooksRouter(deps));

  app.use(notFound());
  app.use(createErrorMiddleware(deps.logger));
  return app;
}
