import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

export const TEST_KINDS = ['unit', 'workflow', 'integration'] as const;
export type TestKind = (typeof TEST_KINDS)[number];

async function findTests(root: string, kind: TestKind): Promise<string[]> {
  try {
    const entries = await readdir(join(root, 'test', kind), { recursive: true });
    return entries.filter((f) => f.endsWith('.test.ts')).map((f) => join('test', kind, f)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** No argument: every kind. `unit|workflow|integration`: that kind. Anything else: those files. */
export async function selectTestFiles(root: string, args: readonly string[]): Promise<string[]> {
  if (args.length === 0) return (await Promise.all(TEST_KINDS.map((kind) => findTests(root, kind)))).flat();
  const selected: string[] = [];
  for (const arg of args) {
    if ((TEST_KINDS as readonly string[]).includes(arg)) selected.push(...(await findTests(root, arg as TestKind)));
    else selected.push(relative(root, resolve(arg)));
  }
  return [...new Set(selected)];
}

/** Unit tests need no server; anything else gets PostgreSQL and Temporal. */
export function needsServers(files: readonly string[]): boolean {
  return files.some((file) => !file.split(/[\\/]/).includes('unit'));
}

/** Reads node's TAP summary (`# pass N`, `# fail N`, ...) into counts. */
export function parseTapSummary(tap: string): { lines: string[]; pass: number; fail: number } {
  const lines = tap.split('\n').filter((line) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
  const count = (name: string) => Number(lines.find((l) => l.startsWith(`# ${name} `))?.split(' ')[2] ?? 0);
  return { lines, pass: count('pass'), fail: count('fail') + count('cancelled') };
}
