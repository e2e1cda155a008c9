/**
 * Each router describes its routes with the same zod schemas it validates with; the OpenAPI
 * document is generated from these descriptions, so the docs cannot drift from the code.
 */
import type { ZodType } from 'zod';

export type Auth = 'none' | 'booking' | 'admin' | 'signature';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express-style path (`/v1/bookings/:id`); the generator turns `:id` into `{id}`. */
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  /** Extra request headers, e.g. Idempotency-Key. */
  headers?: { name: string; description: string; required: boolean }[];
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
}
