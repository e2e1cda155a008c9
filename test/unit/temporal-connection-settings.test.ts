/**
 * How the environment becomes the Temporal connection of `npm run api`, `npm run worker` and `npm
 * start`: our TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE, plus the Temporal SDK's own environment
 * configuration (TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE and temporal.toml) for TLS and
 * API keys. Pure mapping: nothing connects.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadClusterSettings, localServerSettings } from '../../src/composition/app-settings';
import { ConfigError } from '../../src/config/load-config';

describe('the Temporal connection settings', () => {
  let folder: string;
  /** What a worker needs besides Temporal; HOME points at an empty folder, so no real temporal.toml is read. */
  let base: NodeJS.ProcessEnv;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'temporal-settings-'));
    base = { HOME: folder, DATABASE_URL: 'postgres://db.internal/bookings', LOCAL_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length', BOOKING_TOKEN_SECRET: 'a-token-secret-of-some-length' };
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const workerSettings = (env: NodeJS.ProcessEnv) => loadClusterSettings({ ...base, ...env }, 'worker');

  it('connects in plain gRPC to the named server when nothing asks for TLS', () => {
    const { temporal } = workerSettings({ TEMPORAL_ADDRESS: 'temporal.internal:7233' });
    assert.deepEqual(temporal, { address: 'temporal.internal:7233', namespace: 'default' });
  });

  it('reaches Temporal Cloud with an API key: TLS on, the key sent, the namespace ours', () => {
    const { temporal, config } = workerSettings({
      TEMPORAL_ADDRESS: 'eu-central-1.aws.api.temporal.io:7233',
      TEMPORAL_NAMESPACE: 'bookings.a1b2c',
      TEMPORAL_API_KEY: 'an-api-key',
    });
    assert.deepEqual(temporal, { address: 'eu-central-1.aws.api.temporal.io:7233', namespace: 'bookings.a1b2c', tls: true, apiKey: 'an-api-key' });
    assert.equal(config.TEMPORAL_NAMESPACE, 'bookings.a1b2c');
  });

  it('reaches Temporal Cloud with mTLS from certificate files, a server name and a CA', async () => {
    const cert = join(folder, 'client.pem');
    const key = join(folder, 'client.key');
    await writeFile(cert, 'CERTIFICATE');
    await writeFile(key, 'PRIVATE KEY');
    const { temporal } = workerSettings({
      TEMPORAL_ADDRESS: 'bookings.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'bookings.a1b2c',
      TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_NAME: 'bookings.a1b2c.tmprl.cloud',
      TEMPORAL_TLS_SERVER_CA_CERT_DATA: 'CA CERTIFICATE',
    });
    assert.equal(temporal.address, 'bookings.a1b2c.tmprl.cloud:7233');
    assert.equal(temporal.apiKey, undefined);
    assert.ok(temporal.tls && typeof temporal.tls === 'object');
    assert.equal(Buffer.from(temporal.tls.clientCertPair?.crt ?? []).toString(), 'CERTIFICATE');
    assert.equal(Buffer.from(temporal.tls.clientCertPair?.key ?? []).toString(), 'PRIVATE KEY');
    assert.equal(temporal.tls.serverNameOverride, 'bookings.a1b2c.tmprl.cloud');
    assert.equal(Buffer.from(temporal.tls.serverRootCACertificate ?? []).toString(), 'CA CERTIFICATE');
  });

  it('takes the server from a temporal.toml profile chosen by TEMPORAL_PROFILE', async () => {
    const file = join(folder, 'temporal.toml');
    await writeFile(
      file,
      ['[profile.cloud]', 'address = "bookings.a1b2c.tmprl.cloud:7233"', 'namespace = "bookings.a1b2c"', 'api_key = "key-from-file"', ''].join('\n'),
    );
    const { temporal, config } = workerSettings({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'cloud' });
    assert.deepEqual(temporal, { address: 'bookings.a1b2c.tmprl.cloud:7233', namespace: 'bookings.a1b2c', tls: true, apiKey: 'key-from-file' });
    assert.equal(config.TEMPORAL_ADDRESS, 'bookings.a1b2c.tmprl.cloud:7233');
  });

  it('lets TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE win over the profile, keeping its credentials', async () => {
    const file = join(folder, 'temporal-win.toml');
    await writeFile(file, ['[profile.default]', 'address = "from-file:7233"', 'namespace = "from-file"', 'api_key = "key-from-file"', ''].join('\n'));
    const { temporal } = workerSettings({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_ADDRESS: 'ours:7233', TEMPORAL_NAMESPACE: 'ours' });
    assert.deepEqual(temporal, { address: 'ours:7233', namespace: 'ours', tls: true, apiKey: 'key-from-file' });
  });

  it('turns TLS off with TEMPORAL_TLS=false, even with an API key (a proxy that terminates TLS)', () => {
    const { temporal } = workerSettings({ TEMPORAL_ADDRESS: 'proxy.internal:7233', TEMPORAL_API_KEY: 'an-api-key', TEMPORAL_TLS: 'false' });
    assert.equal(temporal.tls, false);
    assert.equal(temporal.apiKey, 'an-api-key');
  });

  it('sends the gRPC headers named by TEMPORAL_GRPC_META_*', () => {
    const { temporal } = workerSettings({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_GRPC_META_TENANT: 'acme' });
    assert.deepEqual(temporal.metadata, { tenant: 'acme' });
  });

  it('reads a blank variable as unset, as for every other setting', () => {
    const { temporal } = workerSettings({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_API_KEY: '  ', TEMPORAL_NAMESPACE: 'ns' });
    assert.deepEqual(temporal, { address: 'temporal.internal:7233', namespace: 'ns' });
  });

  it('stops with a configuration error naming a profile that does not exist', () => {
    assert.throws(
      () => workerSettings({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_PROFILE: 'nowhere' }),
      (error: unknown) => error instanceof ConfigError && /nowhere/.test(error.message),
    );
  });

  it('still requires a server when neither TEMPORAL_ADDRESS nor a profile names one', () => {
    assert.throws(() => workerSettings({}), (error: unknown) => error instanceof ConfigError && /TEMPORAL_ADDRESS/.test(error.message));
  });

  it('reaches the dev server `npm start` started in plain gRPC, whatever the environment says about Cloud', () => {
    const { config } = workerSettings({ TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_API_KEY: 'a-cloud-key' });
    assert.deepEqual(localServerSettings(config).temporal, { address: '127.0.0.1:7233', namespace: 'default' });
  });
});
