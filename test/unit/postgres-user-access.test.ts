import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unsearchableAncestors } from '../../src/dev/postgres-user-access';

describe('reaching PostgreSQL files as the postgres user', () => {
  it('names the directories others cannot enter, from the root down', async () => {
    const modes: Record<string, number> = { '/': 0o755, '/tmp': 0o1777, '/tmp/ci.x': 0o700, '/tmp/ci.x/repo': 0o755, '/tmp/ci.x/repo/bin': 0o750 };
    const blocked = await unsearchableAncestors('/tmp/ci.x/repo/bin', async (d) => modes[d] ?? null);
    assert.deepEqual(blocked, ['/tmp/ci.x', '/tmp/ci.x/repo/bin']);
  });

  it('skips directories that do not exist yet', async () => {
    const blocked = await unsearchableAncestors('/srv/data/pg', async (d) => (d === '/srv/data/pg' ? null : 0o755));
    assert.deepEqual(blocked, []);
  });
});
