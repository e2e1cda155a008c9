/**
 * Validates one part of a request with the route's zod schema (the same schema its RouteDoc
 * publishes). Failures become 400 VALIDATION_FAILED with `[{path, message}]` details.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { zodIssuesToDetails } from '../errors/zod-issues';

function parsePart<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw ApiError.validation(`${what} is invalid.`, zodIssuesToDetails(result.error.issues));
  return result.data;
}

/** A missing body is validated as `{}` so the caller hears which fields are required. */
export const parseBody = <S extends z.ZodType>(schema: S, req: Request): z.output<S> => parsePart(schema, req.body ?? {}, 'The request body');
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request): z.output<S> => parsePart(schema, req.query, 'The query string');
export const parseParams = <S extends z.ZodType>(schema: S, req: Request): z.output<S> => parsePart(schema, req.params, 'The path');
