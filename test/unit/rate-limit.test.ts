import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../../src/api/errors/api-error';
import { createRateLimiter } from '../../src/api/middleware/rate-limit';

/** Sends one request from `ip` through the limiter and reports what it decided. */
function requestFrom(limiter: ReturnType<typeof createRateLimiter>, ip: string) {
  const headers: Record<string, string> = {};
  let passedOn: unknown = 'not called';
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response;
  const next: NextFunction = (err?: unknown) => {
    passedOn = err;
  };
  limiter({ ip, socket: {} } as Request, res, next);
  const refused = passedOn instanceof ApiError ? passedOn : undefined;
  return { allowed: passedOn === undefined, refused, retryAfter: headers['Retry-After'] };
}

describe('the per-IP rate limiter', () => {
  it('lets a client make its allowance in a minute, then answers 429 with Retry-After until the next minute', () => {
    let clock = Date.parse('2030-01-07T10:00:15Z');
    const limiter = createRateLimiter({ perMinute: 3, now: () => clock });
    assert.deepEqual([1, 2, 3].map(() => requestFrom(limiter, '10.0.0.1').allowed), [true, true, true]);
    const fourth = requestFrom(limiter, '10.0.0.1');
    assert.equal(fourth.allowed, false);
    assert.equal(fourth.refused?.status, 429);
    assert.equal(fourth.refused?.code, 'RATE_LIMITED');
    assert.equal(fourth.retryAfter, '45');

    clock = Date.parse('2030-01-07T10:01:00Z');
    assert.equal(requestFrom(limiter, '10.0.0.1').allowed, true);
  });

  it('counts each client on its own', () => {
    const limiter = createRateLimiter({ perMinute: 1, now: () => 0 });
    assert.equal(requestFrom(limiter, '10.0.0.1').allowed, true);
    assert.equal(requestFrom(limiter, '10.0.0.2').allowed, true);
    assert.equal(requestFrom(limiter, '10.0.0.1').allowed, false);
  });

  it('is off when the limit is 0', () => {
    const limiter = createRateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1000; i++) assert.equal(requestFrom(limiter, '10.0.0.1').allowed, true);
  });
});
