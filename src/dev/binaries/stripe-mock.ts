/**
 * stripe-mock, Stripe's official API mock (it validates every request against Stripe's OpenAPI spec),
 * found or installed like the Temporal binaries: `STRIPE_MOCK_PATH`, then PATH, then the project cache
 * `.cache/bin/`, then `go install github.com/stripe/stripe-mock@<pinned>` into the cache (the Go module
 * proxy is reachable where the internet is not). Tests only; the product never runs it.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { BinaryNotFoundError } from './resolve-binary';
import { runCommand } from './run-command';
import { BINARY_CACHE_DIR, findOnPath, isExecutableFile } from './system-lookups';

export const STRIPE_MOCK = {
  name: 'stripe-mock',
  envVar: 'STRIPE_MOCK_PATH',
  goModule: 'github.com/stripe/stripe-mock',
  /** Pinned: its OpenAPI spec must know the parameters the `stripe` package (23.x) sends. */
  version: 'v0.203.0',
} as const;

const execFileAsync = promisify(execFile);

const INSTALL_HINT =
  `Install it with \`go install ${STRIPE_MOCK.goModule}@${STRIPE_MOCK.version}\` (Go 1.22+) and put it on PATH, ` +
  `or set ${STRIPE_MOCK.envVar}=/path/to/stripe-mock.`;

/** What resolving asks of the machine, injected so the order is unit-tested without touching it. */
export interface GoBinaryLookups {
  env(name: string): string | undefined;
  isExecutable(path: string): Promise<boolean>;
  findOnPath(name: string): Promise<string | null>;
  cachePath(name: string): string;
  /** Throws when the binary does not run. */
  verify(path: string): Promise<void>;
  /** `go install <module>@<version>` placing the binary at `destination`; throws on failure. */
  goInstall(module: string, version: string, destination: string): Promise<void>;
}

export async function resolveGoBinary(lookups: GoBinaryLookups): Promise<string> {
  const explicit = lookups.env(STRIPE_MOCK.envVar)?.trim();
  if (explicit) {
    if (await lookups.isExecutable(explicit)) return explicit;
    throw new BinaryNotFoundError(`${STRIPE_MOCK.envVar}=${explicit} is not an executable file. Fix the path or unset ${STRIPE_MOCK.envVar}.`);
  }
  const onPath = await lookups.findOnPath(STRIPE_MOCK.name);
  if (onPath) return onPath;
  const tried = [`${STRIPE_MOCK.envVar}: not set`, `PATH: no \`${STRIPE_MOCK.name}\``];
  const cached = lookups.cachePath(STRIPE_MOCK.name);
  if (await lookups.isExecutable(cached)) {
    try {
      await lookups.verify(cached);
      return cached;
    } catch (error) {
      tried.push(`cache ${cached}: does not run (${(error as Error).message})`);
    }
  } else {
    tried.push(`cache ${cached}: absent`);
  }
  try {
    await lookups.goInstall(STRIPE_MOCK.goModule, STRIPE_MOCK.version, cached);
    return cached;
  } catch (error) {
    tried.push(`go install ${STRIPE_MOCK.goModule}@${STRIPE_MOCK.version}: ${(error as Error).message.split('\n')[0]}`);
  }
  throw new BinaryNotFoundError(`Cannot find or install \`${STRIPE_MOCK.name}\`.\nTried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n${INSTALL_HINT}`);
}

/** Go itself: on PATH, or where the official tarball puts it. */
async function findGo(env: NodeJS.ProcessEnv): Promise<string> {
  const go = (await findOnPath('go', env.PATH ?? '')) ?? ((await isExecutableFile('/usr/local/go/bin/go')) ? '/usr/local/go/bin/go' : null);
  if (!go) throw new Error('no `go` on PATH or in /usr/local/go/bin');
  return go;
}

/** Installs into a private GOBIN first and renames, so a concurrent run never sees half a binary. */
async function goInstall(env: NodeJS.ProcessEnv, module: string, version: string, destination: string): Promise<void> {
  const go = await findGo(env);
  const dir = join(destination, '..');
  await mkdir(dir, { recursive: true });
  const gobin = await mkdtemp(join(dir, '.go-install-'));
  try {
    await execFileAsync(go, ['install', `${module}@${version}`], { env: { ...process.env, ...env, GOBIN: gobin, GOFLAGS: '-buildvcs=false' }, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
    await rename(join(gobin, STRIPE_MOCK.name), destination);
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

export function resolveStripeMock(env: NodeJS.ProcessEnv = process.env, cacheDir = BINARY_CACHE_DIR): Promise<string> {
  return resolveGoBinary({
    env: (name) => env[name],
    isExecutable: isExecutableFile,
    findOnPath: (name) => findOnPath(name, env.PATH ?? ''),
    cachePath: (name) => join(cacheDir, name),
    verify: async (path) => {
      await runCommand(path, ['-version'], 30_000);
    },
    goInstall: (module, version, destination) => goInstall(env, module, version, destination),
  });
}
