import { resolveTemporalCli, resolveTemporalTestServer } from '../../src/dev/binaries/temporal-binaries';
import { startTemporaryPostgres } from '../../src/dev/embedded-postgres';
import type { StopStack } from '../../src/dev/stop-stack';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { createDb } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';
import type { Logger } from '../../src/logging/logger';
import { startRadicale } from './servers/radicale';
import { startStripeMock } from './servers/stripe-mock';
import { freePort } from './test-env';

const TEST_DATABASE = 'bookings_test';

/**
 * Starts the servers the whole run shares, once: PostgreSQL (temp dir, migrated) and an in-memory,
 * headless Temporal dev server, and finds the time-skipping test server binary. Returns the
 * environment the test processes read through `testEnv()`.
 */
export async function startTestServers(stack: StopStack, logger: Logger): Promise<Record<string, string>> {
  const postgres = async () => {
    const pg = await startTemporaryPostgres(await freePort(), logger);
    stack.push('PostgreSQL', pg.stop);
    const url = await pg.createDatabase(TEST_DATABASE);
    const db = createDb(url, { max: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    return url;
  };
  const temporal = async () => {
    const cli = await resolveTemporalCli();
    const server = await startTemporalDevServer({ cli, logger, port: await freePort() });
    stack.push('Temporal dev server', server.stop);
    return { address: server.address, cliPath: cli.kind === 'path' ? cli.path : '' };
  };
  // Issue 7: a CalDAV server for the CalDAV tests.
  const radicale = () => startRadicale(stack, logger);
  // Issue 6: stripe-mock for the Stripe tests.
  const stripeMock = () => startStripeMock(stack, logger);
  const started = [postgres(), temporal(), resolveTemporalTestServer(), radicale(), stripeMock()] as const;
  // Wait for all before failing, so whatever did start is on the stack and gets stopped.
  const failure = (await Promise.allSettled(started)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  const [databaseUrl, dev, testServer, caldav, stripe] = [await started[0], await started[1], await started[2], await started[3], await started[4]];
  return {
    TEST_DATABASE_URL: databaseUrl,
    TEST_TEMPORAL_ADDRESS: dev.address,
    ...(dev.cliPath ? { TEMPORAL_CLI_PATH: dev.cliPath } : {}),
    ...(testServer.kind === 'path' ? { TEMPORAL_TEST_SERVER_PATH: testServer.path } : {}),
    TEST_CALDAV_URL: caldav.url,
    TEST_CALDAV_USERNAME: caldav.username,
    TEST_CALDAV_PASSWORD: caldav.password,
    ...stripe,
  };
}
