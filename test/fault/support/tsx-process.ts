import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

export interface TsxProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** The last lines it wrote (stdout and stderr), for failure messages. */
  recentOutput(): string;
  /** Sends the signal to the process and waits until it is gone; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/**
 * Runs a TypeScript entry point as `node --import tsx <entry>`: one process whose pid is the program
 * itself. (`npx tsx` runs the program in a grandchild, so a SIGKILL to the pid we hold would leave
 * the real worker running.) It gets its own process group, so a signal reaches whatever it spawned too.
 */
export function spawnTsx(name: string, entry: string, env: NodeJS.ProcessEnv): TsxProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${entry})`);
  const pid = child.pid;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const killOnExit = () => signalGroup(pid, 'SIGKILL');
  // If the test process dies without its `after` hook, the children must not outlive it.
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.once('exit', (code, signal) => {
      done = true;
      process.removeListener('exit', killOnExit);
      resolveExit({ code, signal });
    });
  });

  return {
    name,
    pid,
    exited,
    hasExited: () => done,
    recentOutput: () => lines.join('\n'),
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (done) return;
      signalGroup(pid, signal);
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
