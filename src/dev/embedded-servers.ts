import { join } from 'node:path';
import { configSchema } from '../config/config.schema';
import type { Logger } from '../logging/logger';
import { resolveTemporalCli } from './binaries/temporal-binaries';
import { POSTGRES_DIR, TEMPORAL_DB_FILE, TEMPORAL_PID_FILE } from './data-dir-layout';
import { startEmbeddedPostgres } from './embedded-postgres';
import type { StopStack } from './stop-stack';
import { startTemporalDevServer } from './temporal-dev-server';

export interface EmbeddedServers {
  /** The environment with TEMPORAL_ADDRESS and DATABASE_URL pointing at what was started. */
  env: NodeJS.ProcessEnv;
  /** Whether this process started the Temporal dev server (and so connects to it without TLS). */
  startedTemporal: boolean;
  uiUrl: string | null;
}

/**
 * Starts what is not configured, side by side: the Temporal dev server (unless TEMPORAL_ADDRESS) and
 * PostgreSQL (unless DATABASE_URL), both keeping their files under `dataDir`. Each is on the stack
 * as soon as it runs, so a failure of the other still stops it.
 */
export async function startEmbeddedServers(env: NodeJS.ProcessEnv, dataDir: string, stack: StopStack, logger: Logger): Promise<EmbeddedServers> {
  const base = configSchema.parse(env);
  const filled: NodeJS.ProcessEnv = { ...env };
  let uiUrl: string | null = null;
  const temporal = async () => {
    if (base.TEMPORAL_ADDRESS) return;
    const server = await startTemporalDevServer({
      cli: await resolveTemporalCli(env),
      logger,
      port: base.TEMPORAL_PORT,
      uiPort: base.TEMPORAL_UI_PORT,
      dbFilename: join(dataDir, TEMPORAL_DB_FILE),
      namespace: base.TEMPORAL_NAMESPACE,
      pidFile: join(dataDir, TEMPORAL_PID_FILE),
    });
    stack.push('Temporal dev server', server.stop);
    filled.TEMPORAL_ADDRESS = server.address;
    uiUrl = server.uiUrl;
  };
  const postgres = async () => {
    if (base.DATABASE_URL) return;
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, POSTGRES_DIR), port: base.EMBEDDED_POSTGRES_PORT, logger });
    stack.push('PostgreSQL', pg.stop);
    filled.DATABASE_URL = pg.url;
  };
  const results = await Promise.allSettled([temporal(), postgres()]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { env: filled, startedTemporal: !base.TEMPORAL_ADDRESS, uiUrl };
}
