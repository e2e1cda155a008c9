import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Config } from '../../config/config.schema';
import { ApiError } from '../errors/api-error';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares digests so neither the key's content nor its length leaks through timing. */
export function isAdminKey(config: Pick<Config, 'ADMIN_API_KEY'>, presented: string | undefined): boolean {
  const expected = config.ADMIN_API_KEY;
  if (!expected || !presented) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

/** For routes open to the booking's token holder or an admin (bookings.routes.ts). */
export function hasAdminKey(req: Request, config: Pick<Config, 'ADMIN_API_KEY'>): boolean {
  return isAdminKey(config, req.get('x-api-key'));
}

export function requireAdminKey(config: Pick<Config, 'ADMIN_API_KEY'>): RequestHandler {
  return (req, _res, next) => {
    if (hasAdminKey(req, config)) return next();
    next(ApiError.unauthorized());
  };
}
