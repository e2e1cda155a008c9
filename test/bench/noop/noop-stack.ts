/** Starts the no-op's server (`noop-server.ts`) as a child process on a Temporal server the bench names. */
import { resolve } from 'node:path';
import { spawnUntilReady, stopChild } from '../child-process';
import { assertLoopback } from '../loopback';

export interface NoopStack {
  baseUrl: string;
  taskQueue: string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../../..');
export const NOOP_TASK_QUEUE = 'bench-noop';

export async function startNoopStack(temporalAddress: string, namespace: string): Promise<NoopStack> {
  const { child, captured } = await spawnUntilReady('the no-op server', ['--import', 'tsx', 'test/bench/noop/noop-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NOOP_TEMPORAL_ADDRESS: temporalAddress, NOOP_NAMESPACE: namespace, NOOP_TASK_QUEUE: NOOP_TASK_QUEUE },
    patterns: [/No-op API:\s+(\S+)/],
    timeoutMs: 120_000,
  });
  return { baseUrl: assertLoopback(captured[0]!), taskQueue: NOOP_TASK_QUEUE, stop: () => stopChild(child) };
}
