/**
 * Request bodies are JSON, at most 100 kB. Two carve-outs: webhooks need the raw bytes their
 * signature was computed over (their router reads the body itself), and the local checkout page
 * posts an HTML form.
 */
import express, { type Request, type RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';

export const BODY_LIMIT = '100kb';
const WEBHOOKS_PREFIX = '/v1/webhooks/';
const LOCAL_CHECKOUT_PREFIX = '/local-checkout/';

const isWebhook = (req: Request) => req.path.startsWith(WEBHOOKS_PREFIX);
const isLocalCheckout = (req: Request) => req.path.startsWith(LOCAL_CHECKOUT_PREFIX);

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when a write carries a body (a POST without one, e.g. `/no-show`, needs no content type). */
export function hasBody(req: Request): boolean {
  if (!BODY_METHODS.has(req.method)) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Refuses a body that is not JSON before anything reads it. */
export function requireJsonContentType(): RequestHandler {
  return (req, _res, next) => {
    if (isWebhook(req) || !hasBody(req)) return next();
    if (req.is('application/json')) return next();
    if (isLocalCheckout(req) && req.is('application/x-www-form-urlencoded')) return next();
    next(new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the request body as application/json.'));
  };
}

export function parseJsonBodies(): RequestHandler {
  const json = express.json({ limit: BODY_LIMIT, type: 'application/json' });
  return (req, res, next) => (isWebhook(req) ? next() : json(req, res, next));
}

export function parseLocalCheckoutForms(): RequestHandler {
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, type: 'application/x-www-form-urlencoded' });
  return (req, res, next) => (isLocalCheckout(req) ? form(req, res, next) : next());
}
