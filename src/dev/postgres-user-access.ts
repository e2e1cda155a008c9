import { constants } from 'node:fs';
import { chmod, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Logger } from '../logging/logger';

/**
 * Directories on the way to `path` that others may not enter (no o+x), from the root down.
 * Pure over the injected `mode` lookup so it is tested without touching the file system.
 */
export async function unsearchableAncestors(path: string, mode: (dir: string) => Promise<number | null>): Promise<string[]> {
  const dirs: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  const blocked: string[] = [];
  for (const dir of dirs) {
    const m = await mode(dir);
    if (m !== null && (m & constants.S_IXOTH) === 0) blocked.push(dir);
  }
  return blocked;
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to pass through every
 * directory above its binaries and its data (a clone in a `mktemp -d` folder is 0700). We add only the
 * search bit (o+x: enter, not list or read) to the directories that lack it, and say which.
 */
export async function letPostgresUserReach(paths: string[], logger: Logger): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const mode = async (dir: string) => (await stat(dir).catch(() => null))?.mode ?? null;
  const changed = new Set<string>();
  for (const path of paths) {
    for (const dir of await unsearchableAncestors(path, mode)) {
      if (changed.has(dir)) continue;
      const current = await mode(dir);
      if (current === null) continue;
      await chmod(dir, (current & 0o7777) | constants.S_IXOTH);
      changed.add(dir);
    }
  }
  if (changed.size > 0) {
    logger.warn('let the postgres user pass through these directories (added o+x, search only)', { directories: [...changed] });
  }
}
