import { createServer } from 'node:net';

/** What `npm test` (test/support/run-tests.ts) starts once per run and hands every test file. */
export interface TestEnv {
  databaseUrl: string;
  temporalAddress: string;
  /** Path of the time-skipping test server, or null to let the SDK download it. */
  testServerPath: string | null;
  /** Path of the Temporal CLI, or null when the SDK downloads it. */
  cliPath: string | null;
}

const REQUIRED = ['TEST_DATABASE_URL', 'TEST_TEMPORAL_ADDRESS'] as const;

export function testEnv(env: NodeJS.ProcessEnv = process.env): TestEnv {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not set: run this test through \`npm test\` (or \`npx tsx test/support/run-tests.ts <file>\`), ` +
        'which starts PostgreSQL and the Temporal dev server once and passes their addresses to every test.',
    );
  }
  return {
    databaseUrl: env.TEST_DATABASE_URL as string,
    temporalAddress: env.TEST_TEMPORAL_ADDRESS as string,
    testServerPath: env.TEMPORAL_TEST_SERVER_PATH || null,
    cliPath: env.TEMPORAL_CLI_PATH || null,
  };
}

/**
 * Ports come from below the kernel's ephemeral range (32768–60999 on Linux): a port the OS hands out
 * for "any free port" is also what it hands the next outgoing connection, so under load a server
 * started on one a moment later could find it taken by some client's socket.
 */
const PORT_RANGE = { from: 20_000, to: 32_000 };

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port nobody listens on right now, picked at random so that parallel test files rarely meet. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if (await canListen(port, host)) return port;
  }
  throw new Error(`no free port between ${PORT_RANGE.from} and ${PORT_RANGE.to}`);
}

/** Issue 7: the run's Radicale (test/support/servers/radicale.ts) and its one user. */
export interface CalDavTestServer {
  url: string;
  username: string;
  password: string;
}

export function calDavTestServer(env: NodeJS.ProcessEnv = process.env): CalDavTestServer {
  const { TEST_CALDAV_URL: url, TEST_CALDAV_USERNAME: username, TEST_CALDAV_PASSWORD: password } = env;
  if (!url || !username || !password) throw new Error('TEST_CALDAV_URL not set: run this test through `npm test`, which starts Radicale once for the run.');
  return { url, username, password };
}
