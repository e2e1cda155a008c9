import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BinaryNotFoundError } from '../../src/dev/binaries/resolve-binary';
import { type GoBinaryLookups, resolveGoBinary, STRIPE_MOCK } from '../../src/dev/binaries/stripe-mock';

/** A machine described by what it has; records the installs it was asked for. */
function machine(has: { env?: string; executables?: string[]; onPath?: string; installWorks?: boolean; cacheRuns?: boolean }) {
  const installs: string[] = [];
  const lookups: GoBinaryLookups = {
    env: (name) => (name === STRIPE_MOCK.envVar ? has.env : undefined),
    isExecutable: async (path) => (has.executables ?? []).includes(path),
    findOnPath: async () => has.onPath ?? null,
    cachePath: (name) => `/repo/.cache/bin/${name}`,
    verify: async () => {
      if (has.cacheRuns === false) throw new Error('exec format error');
    },
    goInstall: async (module, version, destination) => {
      installs.push(`${module}@${version} -> ${destination}`);
      if (!has.installWorks) throw new Error('proxy.golang.org unreachable');
    },
  };
  return { lookups, installs };
}

describe('finding stripe-mock', () => {
  it('takes STRIPE_MOCK_PATH first, and refuses one that is not executable', async () => {
    assert.equal(await resolveGoBinary(machine({ env: '/opt/stripe-mock', executables: ['/opt/stripe-mock'], onPath: '/usr/bin/stripe-mock' }).lookups), '/opt/stripe-mock');
    await assert.rejects(resolveGoBinary(machine({ env: '/nope' }).lookups), BinaryNotFoundError);
  });

  it('then PATH, then the project cache', async () => {
    assert.equal(await resolveGoBinary(machine({ onPath: '/usr/bin/stripe-mock', executables: ['/repo/.cache/bin/stripe-mock'] }).lookups), '/usr/bin/stripe-mock');
    assert.equal(await resolveGoBinary(machine({ executables: ['/repo/.cache/bin/stripe-mock'] }).lookups), '/repo/.cache/bin/stripe-mock');
  });

  it('installs the pinned version into the cache with go install when it is nowhere, or the cached one does not run', async () => {
    const fresh = machine({ installWorks: true });
    assert.equal(await resolveGoBinary(fresh.lookups), '/repo/.cache/bin/stripe-mock');
    assert.deepEqual(fresh.installs, [`github.com/stripe/stripe-mock@${STRIPE_MOCK.version} -> /repo/.cache/bin/stripe-mock`]);
    const broken = machine({ executables: ['/repo/.cache/bin/stripe-mock'], cacheRuns: false, installWorks: true });
    assert.equal(await resolveGoBinary(broken.lookups), '/repo/.cache/bin/stripe-mock');
    assert.equal(broken.installs.length, 1);
  });

  it('says what it tried and how to install it when nothing works', async () => {
    await assert.rejects(resolveGoBinary(machine({}).lookups), (error: unknown) => {
      assert.ok(error instanceof BinaryNotFoundError);
      assert.match(error.message, /STRIPE_MOCK_PATH: not set/);
      assert.match(error.message, /go install github\.com\/stripe\/stripe-mock@v\d+\.\d+\.\d+/);
      return true;
    });
  });
});
