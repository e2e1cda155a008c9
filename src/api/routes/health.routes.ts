import { Router } from 'express';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import type { RouteDoc } from '../route-doc';

const CHECK_TIMEOUT_MS = 2000;

const checkResult = z.string().describe('"ok", or "error: <short reason>"');
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: checkResult, temporal: checkResult }),
});

async function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(work: () => Promise<unknown>): Promise<string> {
  try {
    await withTimeout(work, CHECK_TIMEOUT_MS);
    return 'ok';
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown';
    return `error: ${reason.slice(0, 120)}`;
  }
}

export function createHealthRouter({ db, temporal }: Pick<ApiDeps, 'db' | 'temporal'>): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [database, temporalCheck] = await Promise.all([
      check(() => sql`select 1`.execute(db)),
      check(() =>
        temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => temporal.connection.workflowService.getSystemInfo({})),
      ),
    ]);
    const healthy = database === 'ok' && temporalCheck === 'ok';
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable', checks: { database, temporal: temporalCheck } });
  });
  return router;
}

export const healthRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Whether the API can reach PostgreSQL and Temporal',
    tag: 'health',
    auth: 'none',
    responses: {
      200: { description: 'Both dependencies answer.', schema: healthResponseSchema },
      503: { description: 'At least one dependency failed; its check says why.', schema: healthResponseSchema },
    },
  },
];
