/**
 * The bench's servers run as child processes (the product's `npm start`, the no-op's server), each
 * one Node process with its API and its worker, so neither shares an event loop with the load
 * generator. They say they are ready with a banner on stdout and stop on SIGINT, like a user's Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ReadyChild {
  child: ChildProcess;
  /** The first capture group of each banner pattern, in order. */
  captured: string[];
}

export function spawnUntilReady(
  label: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; patterns: RegExp[]; timeoutMs: number },
): Promise<ReadyChild> {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} printed no banner in ${options.timeoutMs / 1000} s:\n${out}`));
    }, options.timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const matches = options.patterns.map((p) => p.exec(out));
      if (matches.every((m) => m !== null)) {
        clearTimeout(timer);
        resolvePromise({ child, captured: matches.map((m) => m![1] ?? '') });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code} before it was ready:\n${out}`));
    });
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
