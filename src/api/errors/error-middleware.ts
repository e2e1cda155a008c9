/**
 * The one place errors become HTTP answers: `{ error: { code, message, details? } }`. Express 5
 * forwards rejected promises from handlers here, so routes and the domain just throw: routes an
 * ApiError, the domain its typed errors, the Temporal client its failures, `pg` its outages.
 */
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../../logging/logger';
import { ApiError } from './api-error';
import { isDatabaseUnavailable } from './database-failure';
import { mapDomainError } from './domain-error-mapping';
import { ErrorCode } from './error-codes';
import { mapTemporalError } from './temporal-failure-mapping';
import { zodIssuesToDetails } from './zod-issues';

const DATABASE_UNAVAILABLE = 'The database is unavailable right now; try again shortly.';

interface BodyParserError {
  type: string;
  status?: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return err instanceof Error && typeof (err as { type?: unknown }).type === 'string' && typeof (err as { status?: unknown }).status === 'number';
}

function fromBodyParser(err: BodyParserError): ApiError {
  switch (err.type) {
    case 'entity.parse.failed':
      return new ApiError(ErrorCode.MALFORMED_JSON, 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is larger than 100 kB.');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body encoding is not supported.');
    default:
      return new ApiError(ErrorCode.MALFORMED_JSON, 'The request body could not be read.');
  }
}

/** Maps any thrown value to the API error it answers with; undefined means an unexpected fault (500). */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof z.core.$ZodError) return ApiError.validation('The request is invalid.', zodIssuesToDetails(err.issues));
  if (isBodyParserError(err) && err.status !== undefined && err.status < 500) return fromBodyParser(err);
  if (isDatabaseUnavailable(err)) return new ApiError(ErrorCode.UNAVAILABLE, DATABASE_UNAVAILABLE);
  return mapDomainError(err) ?? mapTemporalError(err);
}

export function errorBody(error: ApiError): { error: { code: string; message: string; details?: unknown } } {
  return { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
}

export function createErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = toApiError(err);
    const apiError = known ?? new ApiError(ErrorCode.INTERNAL, 'Something went wrong on our side; the error was logged.');
    const request = { requestId: res.locals.requestId, method: req.method, path: req.path, status: apiError.status };
    if (known?.code === ErrorCode.UNAVAILABLE) {
      // An outage (database, Temporal, a provider) fails every request while it lasts: one line each, no stack.
      logger.warn('request failed: a dependency is unavailable', { ...request, cause: err instanceof Error ? err.message : String(err) });
    } else if (!known || apiError.status >= 500) {
      logger.error('request failed', { ...request, err });
    }
    res.status(apiError.status).json(errorBody(apiError));
  };
}
