/**
 * The product as separate processes against the fault servers: `npm run api` and `npm run worker`
 * (or a test entry point in their place), each a child process the story may SIGKILL. It is a
 * `TestApp` from the test process's side, so the HTTP helpers of test/support/booking-api.ts work on it.
 */
import { Client, Connection } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createResource } from '../../../src/catalog/resources.repository';
import { createService } from '../../../src/catalog/services.repository';
import { configSchema } from '../../../src/config/config.schema';
import { createDb } from '../../../src/db/connection';
import type { Database } from '../../../src/db/schema';
import { createLogger } from '../../../src/logging/logger';
import type { TestApp } from '../../support/app-harness';
import { aResource, aService, uniqueSuffix } from '../../support/fixtures';
import { freePort } from '../../support/test-env';
import type { FaultServers } from './fault-servers';
import { spawnTsx, type TsxProcess } from './tsx-process';

export const WORKER_ENTRY = 'workers/main.ts';
export const API_ENTRY = 'src/cli/api.ts';

export interface FaultAppOptions {
  /** The worker's entry point; the real `npm run worker` unless a story needs a faulty provider. */
  workerEntry?: string;
  /** Extra environment for the worker only. */
  workerEnv?: Record<string, string>;
}

export interface FaultApp extends TestApp {
  taskQueue: string;
  webhookSecret: string;
  /** SIGKILL: no shutdown, in-flight tasks simply stop, as when the machine dies. */
  killWorker(): Promise<void>;
  /** Starts a new worker process and returns once it polls the task queue. */
  startWorker(): Promise<void>;
  /** Fails, with their last output, when the API or the worker exited without being told to. */
  assertProcessesAlive(): void;
  /** The last lines the API and the worker wrote, to show with a failure. */
  recentOutput(): string;
}

const secret = () => randomBytes(24).toString('base64url');

/**
 * What the children inherit: only what any process needs. Everything they are configured with is set
 * below, so a developer's own TEMPORAL_*, DATABASE_URL or provider settings never reach them.
 */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
const inheritedEnv = (): Record<string, string> =>
  Object.fromEntries(INHERITED.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name] as string]])));

async function waitUntil(what: string, probe: () => Promise<boolean>, died: () => string | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const death = died();
    if (death) throw new Error(`${what}: ${death}`);
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what}: not ready within ${timeoutMs} ms`);
}

const deathOf = (child: TsxProcess) => () => (child.hasExited() ? `${child.name} exited. Its last output:\n${child.recentOutput()}` : null);

export async function startFaultApp(servers: FaultServers, options: FaultAppOptions = {}): Promise<FaultApp> {
  const port = await freePort();
  const taskQueue = `bookings-fault-${uniqueSuffix()}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    TEMPORAL_ADDRESS: servers.temporalAddress,
    DATABASE_URL: servers.databaseUrl,
    TEMPORAL_TASK_QUEUE: taskQueue,
    ADMIN_API_KEY: secret(),
    BOOKING_TOKEN_SECRET: secret(),
    LOCAL_WEBHOOK_SECRET: secret(),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    // A file that does not exist: the user's own temporal.toml (Temporal Cloud, TLS) is not for these servers.
    TEMPORAL_CONFIG_FILE: join(tmpdir(), `no-temporal-profile-${uniqueSuffix()}.toml`),
  };
  const config = Object.freeze(configSchema.parse(env));
  // The stories cut this pool's connections on purpose; a lost one is no news here.
  const db: Kysely<Database> = createDb(servers.databaseUrl, { max: 5, logger: createLogger('error') });
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });

  const workerEntry = options.workerEntry ?? WORKER_ENTRY;
  const workerIdentityPrefix = (pid: number) => `${pid}@`;
  const isPolling = async (pid: number) => {
    const { pollers } = await client.workflowService.describeTaskQueue({ namespace: config.TEMPORAL_NAMESPACE, taskQueue: { name: taskQueue } });
    return (pollers ?? []).some((p) => p.identity?.startsWith(workerIdentityPrefix(pid)));
  };

  let worker: TsxProcess | null = null;
  let api: TsxProcess | null = null;
  const expectedExits = new Set<TsxProcess>();
  const startWorker = async () => {
    const started = spawnTsx('worker', workerEntry, { ...inheritedEnv(), ...env, ...options.workerEnv });
    worker = started;
    // The worker's SDK identity is `<pid>@<host>`: its own poller, not one of a worker killed before it.
    await waitUntil('the worker', () => isPolling(started.pid), deathOf(started), 90_000);
  };
  const stopAll = async () => {
    for (const child of [api, worker]) if (child) expectedExits.add(child);
    // No graceful shutdown: nothing of a finished story needs to complete, and the next one is waiting.
    await Promise.all([api?.stop('SIGKILL'), worker?.stop('SIGKILL')]);
    await connection.close();
    await db.destroy();
  };

  try {
    const startApi = async () => {
      const started = spawnTsx('api', API_ENTRY, { ...inheritedEnv(), ...env });
      api = started;
      await waitUntil('the API', async () => (await fetch(`${baseUrl}/healthz`)).ok, deathOf(started), 60_000);
    };
    await Promise.all([startApi(), startWorker()]);
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    baseUrl,
    config,
    db,
    client,
    adminKey: env.ADMIN_API_KEY as string,
    taskQueue,
    webhookSecret: env.LOCAL_WEBHOOK_SECRET as string,
    async createServiceAndResource(overrides = {}) {
      const service = await createService(db, aService(overrides.service));
      const resource = await createResource(db, aResource([service.id], overrides.resource));
      return { service, resource };
    },
    async killWorker() {
      if (!worker) return;
      expectedExits.add(worker);
      await worker.stop('SIGKILL');
    },
    startWorker,
    assertProcessesAlive() {
      for (const child of [api, worker]) {
        if (child && child.hasExited() && !expectedExits.has(child)) {
          throw new Error(`the ${child.name} process exited on its own. Its last output:\n${child.recentOutput()}`);
        }
      }
    },
    recentOutput: () =>
      [api, worker]
        .filter((child): child is TsxProcess => child !== null)
        .map((child) => `--- last output of the ${child.name} (pid ${child.pid}${child.hasExited() ? ', exited' : ''}) ---\n${child.recentOutput() || '(none)'}`)
        .join('\n'),
    stop: stopAll,
  };
}
