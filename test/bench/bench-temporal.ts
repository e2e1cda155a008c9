/**
 * A Temporal dev server alone, for `--target noop`: the no-op's floor measured without starting the
 * product. Same binary, SQLite file and settings as `npm start` (src/dev/temporal-dev-server.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalCli } from '../../src/dev/binaries/temporal-binaries';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { createLogger } from '../../src/logging/logger';
import { freePort } from '../support/test-env';

export interface BenchTemporal {
  temporalAddress: string;
  namespace: string;
  stop(): Promise<void>;
}

export async function startBenchTemporal(): Promise<BenchTemporal> {
  const dataDir = await mkdtemp(join(tmpdir(), 'booking-bench-temporal-'));
  try {
    const server = await startTemporalDevServer({
      cli: await resolveTemporalCli(),
      logger: createLogger('warn'),
      port: await freePort(),
      dbFilename: join(dataDir, 'temporal.db'),
    });
    console.log(`started a Temporal dev server alone at ${server.address}`);
    return {
      temporalAddress: server.address,
      namespace: server.namespace,
      stop: async () => {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
