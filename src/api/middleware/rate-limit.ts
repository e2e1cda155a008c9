import type { RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';

export interface RateLimiterOptions {
  /** Requests per client IP per minute; 0 turns limiting off. */
  perMinute: number;
  now?: () => number;
}

const WINDOW_MS = 60_000;

/**
 * A fixed-window counter per client IP, in memory. Each API replica counts on its own, which is
 * enough to blunt a runaway client; a shared limiter belongs in front of the replicas.
 */
export function createRateLimiter({ perMinute, now = Date.now }: RateLimiterOptions): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  let windowIndex = -1;
  // Reset whole at each window so memory stays bounded by one minute of distinct clients.
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const at = now();
    const index = Math.floor(at / WINDOW_MS);
    if (index !== windowIndex) {
      windowIndex = index;
      counts = new Map();
    }
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const count = (counts.get(client) ?? 0) + 1;
    counts.set(client, count);
    if (count <= perMinute) return next();
    const retryAfterSeconds = Math.max(1, Math.ceil(((index + 1) * WINDOW_MS - at) / 1000));
    res.setHeader('Retry-After', String(retryAfterSeconds));
    next(new ApiError(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfterSeconds} s.`));
  };
}
