/** Schemas every router shares: the error shape, instants, ids. Ids given in `.meta` become OpenAPI components. */
import { z } from 'zod';
import { ErrorCode } from '../errors/error-codes';

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z
        .union([z.array(z.object({ path: z.string(), message: z.string() })), z.record(z.string(), z.unknown())])
        .optional()
        .describe(
          'For VALIDATION_FAILED: one entry per problem, `path` dotted from the request part root. For other codes, an object saying more: `{reason}` (SLOT_NOT_OFFERED: NOT_ON_SCHEDULE, TOO_SOON, TOO_FAR_AHEAD, SERVICE_NOT_OFFERED; INVALID_TRANSITION: RESCHEDULE_LIMIT_REACHED, HOLD_NOT_LIVE...) or `{status}` (a closed booking).',
        ),
    }),
  })
  .meta({ id: 'Error' });

/** ISO 8601 instant that carries its offset (`Z` or `+01:00`), so it means one moment everywhere. */
export const instantSchema = z.iso.datetime({ offset: true }).describe('ISO 8601 instant with offset, e.g. 2026-12-01T09:00:00Z');

/** Ids an admin may choose for services and resources: URL-safe and readable in the Web UI. */
export const catalogIdSchema = z.string().regex(/^[a-z0-9_-]{3,64}$/, 'must be 3 to 64 characters of a-z, 0-9, _ or -');

export const idParamsSchema = z.object({ id: z.string().min(1).max(200) }).strict();
