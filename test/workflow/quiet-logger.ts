import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from '@temporalio/common';

/** For the workflow bundler: its webpack report says nothing a test reader needs. */
export const quietLogger: Logger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * The SDK's runtime logs every worker state change and every failed activity attempt; these tests
 * fail activities on purpose. Installed once per process, before the first worker or connection.
 */
export function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed in this process: keep it.
  }
}
