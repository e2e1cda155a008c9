import type { Logger } from '../logging/logger';

export interface StopStack {
  /** Registers how to stop something just started; stopAll runs these last-in, first-out. */
  push(name: string, stop: () => Promise<void> | void): void;
  /**
   * Stops everything in reverse start order. One failing stop does not keep the rest running. A
   * second call (Ctrl-C during a normal shutdown) waits for the same run instead of racing it.
   */
  stopAll(): Promise<{ failed: string[] }>;
}

export function createStopStack(logger: Logger): StopStack {
  const entries: Array<{ name: string; stop: () => Promise<void> | void }> = [];
  let stopping: Promise<{ failed: string[] }> | undefined;
  const run = async () => {
    const failed: string[] = [];
    for (let entry = entries.pop(); entry; entry = entries.pop()) {
      try {
        logger.debug(`stopping ${entry.name}`);
        await entry.stop();
      } catch (error) {
        failed.push(entry.name);
        logger.error(`stopping ${entry.name} failed`, { err: error });
      }
    }
    return { failed };
  };
  return {
    push: (name, stop) => entries.push({ name, stop }),
    stopAll: () => (stopping ??= run()),
  };
}
