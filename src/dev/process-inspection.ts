import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Whether `pid` names a running process. A zombie (exited, not yet reaped by a parent that may never
 * reap it) counts as gone: it holds no port and no file.
 */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under a user we may not signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ...": comm may hold spaces and parentheses, the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** The argument vector of a running process, or null once it is gone. Linux reads /proc; elsewhere `ps`. */
export async function commandLineOf(pid: number): Promise<string[] | null> {
  if (!(await isRunning(pid))) return null;
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((arg) => arg !== '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return null;
  }
  try {
    const { stdout } = await run('ps', ['-ww', '-o', 'args=', '-p', String(pid)]);
    // ps joins the arguments with spaces; a path with a space splits, which the matchers tolerate.
    return stdout.trim() === '' ? null : stdout.trim().split(/\s+/);
  } catch {
    return null;
  }
}

/** Sends `signal` and waits until the process is gone; SIGKILL after `graceMs` (then `killed` is true). */
export async function stopProcess(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<{ killed: boolean }> {
  const signalIfRunning = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  signalIfRunning(signal);
  const deadline = Date.now() + graceMs;
  while (await isRunning(pid)) {
    if (Date.now() >= deadline) {
      signalIfRunning('SIGKILL');
      while (await isRunning(pid)) await sleep(50);
      return { killed: true };
    }
    await sleep(100);
  }
  return { killed: false };
}
