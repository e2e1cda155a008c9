import type { RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';

/** Reached only when no route matched, so unknown paths get the error shape too. */
export function notFound(): RequestHandler {
  return (req, _res, next) => next(ApiError.notFound(`Route ${req.method} ${req.path}`));
}
