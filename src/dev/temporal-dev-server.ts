import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger';
import { type ResolvedBinary } from './binaries/resolve-binary';
import { spawnManaged } from './managed-process';
import { removePidFile, writePidFile } from './pid-file';
import { cliSearchAttributeArgs } from './search-attributes';
import { BOOKING_SEARCH_ATTRIBUTES } from '../../workflows/contract';

export interface DevServerOptions {
  cli: ResolvedBinary;
  logger: Logger;
  ip?: string;
  port: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  /** SQLite file that keeps workflows and timers across restarts; omit for an in-memory server (tests). */
  dbFilename?: string;
  namespace?: string;
  startTimeoutMs?: number;
  /** Records the server's pid and command line here while it runs, so a run after a crash can stop it. */
  pidFile?: string;
}

export interface RunningDevServer {
  address: string;
  namespace: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/** Updates and update-with-start are off by default on the dev server; the booking API needs both. */
export const DEV_SERVER_DYNAMIC_CONFIG = [
  'frontend.enableUpdateWorkflowExecution=true',
  'frontend.enableExecuteMultiOperation=true',
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
] as const;

/**
 * WAL with synchronous=normal: a commit survives a crash of the process (the data a restart must
 * keep), without an fsync per transaction, which on two cores was the dev server's main cost.
 */
const SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

export function devServerArgs(options: Omit<DevServerOptions, 'cli' | 'logger'>): string[] {
  const namespace = options.namespace ?? 'default';
  return [
    'server', 'start-dev',
    '--ip', options.ip ?? '127.0.0.1',
    '--port', String(options.port),
    ...(options.uiPort !== undefined ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFilename ? ['--db-filename', options.dbFilename, ...SQLITE_PRAGMAS.flatMap((p) => ['--sqlite-pragma', p])] : []),
    ...(namespace !== 'default' ? ['--namespace', namespace] : []),
    ...DEV_SERVER_DYNAMIC_CONFIG.flatMap((value) => ['--dynamic-config-value', value]),
    ...cliSearchAttributeArgs(),
    '--log-format', 'json',
  ];
}

/** Ready means the namespace answers, not only the port: the first start on a new db file takes a moment. */
async function waitUntilServing(address: string, namespace: string, deadline: number, exited: () => boolean): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline && !exited()) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await sleep(200);
    }
  }
  throw new Error(`Temporal dev server at ${address} did not become ready: ${String(lastError ?? 'process exited')}`);
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const address = `${ip}:${options.port}`;
  const uiHost = ip === '0.0.0.0' || ip === '127.0.0.1' ? 'localhost' : ip;
  const uiUrl = options.uiPort !== undefined ? `http://${uiHost}:${options.uiPort}` : null;
  if (options.cli.kind === 'sdk-download') return startWithSdkDownload(options, address, namespace, uiUrl);

  const args = devServerArgs(options);
  const server = spawnManaged(options.cli.path, args, { name: 'temporal', logger: options.logger });
  let hasExited = false;
  void server.exited.then(() => (hasExited = true));
  const { pidFile } = options;
  const forgetPid = async () => {
    if (pidFile) await removePidFile(pidFile);
  };
  try {
    if (pidFile && server.child.pid !== undefined) await writePidFile(pidFile, { pid: server.child.pid, command: [options.cli.path, ...args] });
    await waitUntilServing(address, namespace, Date.now() + (options.startTimeoutMs ?? 60_000), () => hasExited);
  } catch (error) {
    await server.stop('SIGKILL');
    await forgetPid();
    const output = server.recentOutput().slice(-10).join('\n');
    throw new Error(`${(error as Error).message}\nLast output of \`temporal server start-dev\`:\n${output}`, { cause: error });
  }
  options.logger.info('temporal dev server ready', { address, uiUrl, pid: server.child.pid });
  const stop = async () => {
    await server.stop('SIGTERM', 15_000);
    await forgetPid();
  };
  return { address, namespace, uiUrl, stop };
}

/** Last resort of the binary resolver: the SDK downloads and runs the CLI itself. */
async function startWithSdkDownload(options: DevServerOptions, address: string, namespace: string, uiUrl: string | null): Promise<RunningDevServer> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: options.ip ?? '127.0.0.1',
      port: options.port,
      ui: options.uiPort !== undefined,
      ...(options.uiPort !== undefined ? { uiPort: options.uiPort } : {}),
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      namespace,
      extraArgs: DEV_SERVER_DYNAMIC_CONFIG.flatMap((value) => ['--dynamic-config-value', value]),
      searchAttributes: [...BOOKING_SEARCH_ATTRIBUTES],
    },
  });
  options.logger.info('temporal dev server ready (SDK download)', { address, uiUrl });
  return { address, namespace, uiUrl, stop: () => env.teardown() };
}
