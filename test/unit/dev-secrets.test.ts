import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fillGeneratedSecrets } from '../../src/dev/secrets';

describe('secrets that `npm start` generates', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'secrets-test-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('generates each missing secret once, stores it owner-only, and hands back the same ones on the next start', async () => {
    const first = await fillGeneratedSecrets({}, dataDir);
    assert.deepEqual(first.generated, ['ADMIN_API_KEY', 'BOOKING_TOKEN_SECRET', 'LOCAL_WEBHOOK_SECRET']);
    assert.ok((first.env.ADMIN_API_KEY ?? '').length >= 16);
    assert.notEqual(first.env.ADMIN_API_KEY, first.env.BOOKING_TOKEN_SECRET);
    assert.equal((await stat(join(dataDir, 'secrets.json'))).mode & 0o777, 0o600);

    const second = await fillGeneratedSecrets({}, dataDir);
    assert.deepEqual(second.generated, []);
    assert.equal(second.env.ADMIN_API_KEY, first.env.ADMIN_API_KEY);
    assert.equal(second.env.LOCAL_WEBHOOK_SECRET, first.env.LOCAL_WEBHOOK_SECRET);
  });

  it('keeps a secret set in the environment and never writes it to disk', async () => {
    const own = 'an-operator-chosen-admin-key';
    const { env } = await fillGeneratedSecrets({ ADMIN_API_KEY: own }, dataDir);
    assert.equal(env.ADMIN_API_KEY, own);
    assert.doesNotMatch(await readFile(join(dataDir, 'secrets.json'), 'utf8'), new RegExp(own));
  });
});
