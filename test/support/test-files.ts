import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

export const TEST_KINDS = ['unit', 'workflow', 'integration', 'fault'] as const;
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

/** No argument: every kind. `unit|workflow|integration|fault`: that kind. Anything else: those files. */
export async function selectTestFiles(root: string, args: readonly string[]): Promise<string[]> {
  if (args.length === 0) return (await Promise.all(TEST_KINDS.map((kind) => findTests(root, kind)))).flat();
  const selected: string[] = [];
  for (const arg of args) {
    if ((TEST_KINDS as readonly string[]).includes(arg)) selected.push(...(await findTests(root, arg as TestKind)));
    else selected.push(relative(root, resolve(arg)));
  }
  return [...new Set(selected)];
}

const isKind = (file: string, kind: TestKind) => file.split(/[\\/]/).includes(kind);

/** Unit tests need no server and the fault suite brings its own; anything else gets the run's PostgreSQL and Temporal. */
export function needsServers(files: readonly string[]): boolean {
  return files.some((file) => !isKind(file, 'unit') && !isKind(file, 'fault'));
}

/** One `node --test` process of a run. */
export interface TestInvocation {
  name: string;
  files: string[];
  /** Test files run at once. */
  concurrency: number;
  /** Per test. */
  timeoutMs: number;
  /** Whether the run's shared PostgreSQL and Temporal must be up for it. */
  sharedServers: boolean;
}

/**
 * The fault suite kills and restarts its own servers and wants both cores, so it runs in a process of
 * its own, one file at a time, after everything else (whose shared servers are stopped by then).
 */
export function planInvocations(files: readonly string[]): TestInvocation[] {
  const fault = files.filter((file) => isKind(file, 'fault'));
  const others = files.filter((file) => !isKind(file, 'fault'));
  const invocations: TestInvocation[] = [];
  if (others.length > 0) invocations.push({ name: 'tests', files: others, concurrency: 2, timeoutMs: 180_000, sharedServers: needsServers(others) });
  if (fault.length > 0) invocations.push({ name: 'fault suite', files: fault, concurrency: 1, timeoutMs: 420_000, sharedServers: false });
  return invocations;
}

export interface TapSummary {
  lines: string[];
  pass: number;
  fail: number;
}

/** Reads node's TAP summary (`# pass N`, `# fail N`, ...) into counts. */
export function parseTapSummary(tap: string): TapSummary {
  const lines = tap.split('\n').filter((line) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
  const count = (name: string) => Number(lines.find((l) => l.startsWith(`# ${name} `))?.split(' ')[2] ?? 0);
  return { lines, pass: count('pass'), fail: count('fail') + count('cancelled') };
}

/** The counts of several invocations, for the run's one `N passed, N failed` line. */
export function addSummaries(summaries: readonly TapSummary[]): { pass: number; fail: number } {
  return summaries.reduce((sum, s) => ({ pass: sum.pass + s.pass, fail: sum.fail + s.fail }), { pass: 0, fail: 0 });
}
