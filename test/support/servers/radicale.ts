/**
 * Radicale, a CalDAV server from PyPI, for the CalDAV tests (issue 7). Found or installed by the
 * project like the Temporal binaries: RADICALE_PATH (a `radicale` executable), then `radicale` on PATH,
 * then the project cache `.cache/radicale/<version>`, then `pip install --target` into that cache.
 * Started once per test run on a free loopback port, with its collections in a temporary folder and
 * real Basic authentication from a plain htpasswd file.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { findOnPath, isExecutableFile } from '../../../src/dev/binaries/system-lookups';
import { runCommand } from '../../../src/dev/binaries/run-command';
import { spawnManaged } from '../../../src/dev/managed-process';
import type { StopStack } from '../../../src/dev/stop-stack';
import type { Logger } from '../../../src/logging/logger';
import { freePort } from '../test-env';

export const RADICALE_VERSION = '3.9.0';
const CACHE_DIR = resolve(__dirname, '..', '..', '..', '.cache', 'radicale', RADICALE_VERSION);

/** How to run Radicale: an executable, or `python3` with the cached package on its path. */
type RadicaleCommand = { file: string; args: string[] };

export interface RunningRadicale {
  url: string;
  username: string;
  password: string;
}

function fromCache(dir: string): RadicaleCommand {
  // `python3 -m radicale` with the cache on sys.path, without touching the environment of anything else.
  const bootstrap = `import sys, runpy; sys.path.insert(0, ${JSON.stringify(dir)}); sys.argv[0] = 'radicale'; runpy.run_module('radicale', run_name='__main__')`;
  return { file: 'python3', args: ['-c', bootstrap] };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** pip installs into a temporary folder beside the cache, renamed into place: a half-done install is never used. */
async function installIntoCache(): Promise<void> {
  await mkdir(dirname(CACHE_DIR), { recursive: true });
  const work = await mkdtemp(join(dirname(CACHE_DIR), `.install-${RADICALE_VERSION}-`));
  try {
    await runCommand(
      'python3',
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '--no-warn-script-location', '--ignore-installed', '--target', work, `radicale==${RADICALE_VERSION}`],
      300_000,
    );
    await rename(work, CACHE_DIR).catch(async (error: unknown) => {
      // Another run installed it meanwhile.
      if (!(await exists(join(CACHE_DIR, 'radicale')))) throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function resolveRadicale(env: NodeJS.ProcessEnv = process.env): Promise<RadicaleCommand> {
  const explicit = env.RADICALE_PATH?.trim();
  if (explicit) {
    if (await isExecutableFile(explicit)) return { file: explicit, args: [] };
    throw new Error(`RADICALE_PATH=${explicit} is not an executable file. Fix the path or unset RADICALE_PATH.`);
  }
  const onPath = await findOnPath('radicale');
  if (onPath) return { file: onPath, args: [] };
  if (!(await exists(join(CACHE_DIR, 'radicale', '__init__.py')))) {
    try {
      await installIntoCache();
    } catch (error) {
      throw new Error(
        `Cannot find or install Radicale ${RADICALE_VERSION} (RADICALE_PATH unset, no \`radicale\` on PATH, none in ${CACHE_DIR}): ` +
          `${error instanceof Error ? error.message : String(error)}\nInstall it with \`python3 -m pip install radicale==${RADICALE_VERSION}\` or set RADICALE_PATH.`,
        { cause: error },
      );
    }
  }
  return fromCache(CACHE_DIR);
}

async function waitUntilServing(url: string, isRunning: () => boolean, output: () => string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error(`Radicale exited during start-up:\n${output().slice(-10).join('\n')}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Radicale did not answer on ${url} within 30 s:\n${output().slice(-10).join('\n')}`);
}

/** Starts Radicale on a free port with a fresh storage folder and one user; stopped (and its folder removed) with the stack. */
export async function startRadicale(stack: StopStack, logger: Logger): Promise<RunningRadicale> {
  const command = await resolveRadicale();
  const dir = await mkdtemp(join(tmpdir(), 'bookings-radicale-'));
  stack.push('Radicale folder', () => rm(dir, { recursive: true, force: true }));
  const username = 'bookings';
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  await writeFile(join(dir, 'users'), `${username}:${password}\n`);
  await writeFile(
    join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[web]',
      'type = none',
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const server = spawnManaged(command.file, [...command.args, '--config', join(dir, 'config')], { name: 'radicale', logger });
  stack.push('Radicale', () => server.stop());
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, () => server.child.exitCode === null && server.child.signalCode === null, server.recentOutput);
  return { url, username, password };
}
