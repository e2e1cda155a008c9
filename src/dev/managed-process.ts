import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../logging/logger';

export interface ManagedProcess {
  child: ChildProcess;
  /** Output lines seen so far (the last 50), for error messages when start-up fails. */
  recentOutput(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal`, waits for exit, and sends SIGKILL after `graceMs`. Safe to call twice. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface SpawnManagedOptions {
  name: string;
  logger: Logger;
  uid?: number;
  gid?: number;
  /** Called with every output line; lets a caller wait for a readiness message. */
  onLine?: (line: string) => void;
}

/**
 * Spawns a server in its own process group, so a Ctrl-C in the terminal reaches only our process and
 * we stop the servers ourselves in the right order. If our process exits without stopping it (a crash),
 * the 'exit' hook kills it rather than leaving an orphan holding the port and the data dir.
 */
export function spawnManaged(file: string, args: readonly string[], options: SpawnManagedOptions): ManagedProcess {
  const child = spawn(file, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  });
  const recent: string[] = [];
  const log = options.logger.child({ process: options.name });
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 50) recent.shift();
      log.debug(line);
      options.onLine?.(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      recent.push(String(error));
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    });
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => {
      log.warn(`did not stop within ${graceMs} ms, killing it`);
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };

  return { child, recentOutput: () => [...recent], exited, stop };
}
