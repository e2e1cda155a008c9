/**
 * The module graph of the product code has no cycles, type-only imports included: a cycle makes the
 * order modules initialise in depend on who imports first, and hides which layer owns a type (the
 * contract in workflows/contract is imported by everyone and imports nothing of theirs).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const FOLDERS = ['workflows', 'activities', 'workers', 'src'];
const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return null;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => resolveImport(file, match[1]!)).filter((t): t is string => t !== null);
    graph.set(file, targets);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the import graph', () => {
  it('has no cycle, type-only imports included', () => {
    const cycle = findCycle(importGraph());
    assert.equal(cycle, null, `import cycle: ${cycle?.map((file) => relative(ROOT, file)).join(' → ')}`);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]);
    assert.deepEqual(findCycle(graph), ['a', 'b', 'c', 'a']);
  });

  it('keeps the contract free of imports from outside it', () => {
    const contract = join(ROOT, 'workflows', 'contract');
    for (const [file, targets] of importGraph()) {
      if (!file.startsWith(contract)) continue;
      for (const target of targets) assert.ok(target.startsWith(contract), `${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
    }
  });
});
