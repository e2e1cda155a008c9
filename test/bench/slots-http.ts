/**
 * `npm run bench:slots -- --http`: GET /v1/availability over HTTP for 50 resources × 14 days × 40 busy
 * intervals each, with the busy times coming from each provider's local test server: the product's own
 * holds (local), Radicale (caldav) and the local Google stand-in (google). Each provider is measured
 * with the busy-time cache off (every request asks the calendar of every resource) and at its default
 * (60 s). Figures only, never asserted. Talks to 127.0.0.1 only; every loop is bounded.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { startApiServer } from '../../src/api/server';
import { createResource } from '../../src/catalog/resources.repository';
import { createService } from '../../src/catalog/services.repository';
import { configSchema } from '../../src/config/config.schema';
import { createDb } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';
import { startTemporaryPostgres } from '../../src/dev/embedded-postgres';
import { createStopStack } from '../../src/dev/stop-stack';
import { createLogger } from '../../src/logging/logger';
import { buildProviders } from '../../src/providers/build-providers';
import { startFakeGoogle } from '../support/servers/fake-google-calendar';
import { startRadicale } from '../support/servers/radicale';
import { freePort } from '../support/test-env';
import { percentile } from './percentile';
import { benchResources, benchService, randomBusy } from './slots-fixtures';

const RESOURCES = 50;
const DAYS = 14;
const BUSY = 40;
const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export async function runHttpBench(): Promise<void> {
  const logger = createLogger('error');
  const stack = createStopStack(logger);
  try {
    const pg = await startTemporaryPostgres(await freePort(), logger);
    stack.push('PostgreSQL', pg.stop);
    const databaseUrl = await pg.createDatabase('bench_slots');
    const db = createDb(databaseUrl, { max: 10 });
    stack.push('pool', () => db.destroy());
    await migrateToLatest(db);

    const from = new Date(Date.now() + 24 * 60 * 60_000);
    from.setUTCHours(0, 0, 0, 0);
    const to = new Date(from.getTime() + DAYS * 24 * 60 * 60_000);
    const service = await createService(db, benchService());
    const resources = benchResources(RESOURCES);
    const busy = resources.map((_, i) => randomBusy(i + 1, BUSY, from, to));

    const radicale = await startRadicale(stack, logger);
    const google = await startFakeGoogle();
    stack.push('Google stand-in', () => google.close());
    const keyDir = await mkdtemp(join(tmpdir(), 'bench-google-'));
    stack.push('key', () => rm(keyDir, { recursive: true, force: true }));
    await writeFile(join(keyDir, 'key.json'), JSON.stringify(google.serviceAccountKey));
    const auth = { authorization: `Basic ${Buffer.from(`${radicale.username}:${radicale.password}`).toString('base64')}` };

    console.log(`\nGET /v1/availability over HTTP: ${RESOURCES} resources × ${DAYS} days × ${BUSY} busy intervals each`);
    for (const [i, resource] of resources.entries()) {
      await createResource(db, resource);
      // Radicale: each resource's meetings as events in its own calendar.
      const calendar = `${radicale.url}/${radicale.username}/bench-${i}/`;
      await fetch(calendar, { method: 'MKCALENDAR', headers: auth });
      for (const [j, b] of (busy[i] ?? []).entries()) {
        const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:bench\r\nBEGIN:VEVENT\r\nUID:bench-${i}-${j}\r\nDTSTAMP:${utc(new Date())}\r\nDTSTART:${utc(b.start)}\r\nDTEND:${utc(b.end)}\r\nSUMMARY:Busy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
        await fetch(`${calendar}m${j}.ics`, { method: 'PUT', headers: { ...auth, 'content-type': 'text/calendar' }, body: ics });
      }
      google.foreignBusy.set(`bench-${i}@example.com`, (busy[i] ?? []).map((b) => ({ start: b.start.toISOString(), end: b.end.toISOString() })));
    }

    const modes = [
      { name: 'local (holds in slot_holds)', env: {}, calendarId: () => null },
      { name: 'caldav (Radicale)', env: { CALENDAR_PROVIDER: 'caldav', CALDAV_URL: radicale.url, CALDAV_USERNAME: radicale.username, CALDAV_PASSWORD: radicale.password }, calendarId: (i: number) => `${radicale.url}/${radicale.username}/bench-${i}/` },
      { name: 'google (local stand-in)', env: { CALENDAR_PROVIDER: 'google', GOOGLE_SERVICE_ACCOUNT_KEY_FILE: join(keyDir, 'key.json'), GOOGLE_API_URL: google.url }, calendarId: (i: number) => `bench-${i}@example.com` },
    ] as const;

    for (const mode of modes) {
      await db.deleteFrom('slot_holds').execute();
      for (const [i, resource] of resources.entries()) {
        await db.updateTable('resources').set({ calendar_id: mode.calendarId(i) }).where('id', '=', resource.id).execute();
      }
      if (mode.calendarId(0) === null) {
        // The local calendar's busy time is the product's own holds.
        const rows = resources.flatMap((resource, i) =>
          (busy[i] ?? []).map((b, j) => ({ resource, b, key: `bench-${i}-${j}` })),
        );
        for (const { resource, b, key } of rows) {
          await db
            .insertInto('slot_holds')
            .values({ booking_id: key, hold_key: key, resource_id: resource.id, during: `[${b.start.toISOString()},${b.end.toISOString()})`, start_at: b.start, end_at: b.end, status: 'held' })
            .onConflict((oc) => oc.doNothing())
            .execute()
            .catch(() => undefined); // two random intervals of one resource may overlap: the exclusion constraint keeps one
        }
      }
      for (const cacheSeconds of ['0', '60']) {
        const port = await freePort();
        const config = Object.freeze(
          configSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'error', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ADMIN_API_KEY: randomBytes(16).toString('hex'), BOOKING_TOKEN_SECRET: randomBytes(16).toString('hex'), RATE_LIMIT_PER_MINUTE: '0', CALENDAR_BUSY_CACHE_SECONDS: cacheSeconds, ...mode.env }),
        );
        // GET /v1/availability never talks to Temporal; the API is built without a connection.
        const api = await startApiServer({ config, db, temporal: {} as unknown as Client, providers: buildProviders(config, db, logger), logger });
        const query = `/v1/availability?${new URLSearchParams({ serviceId: service.id, from: from.toISOString(), to: to.toISOString() })}`;
        const requests = cacheSeconds === '0' ? 30 : 200;
        const samples: number[] = [];
        let slots = 0;
        for (let n = 0; n < requests + 3; n++) {
          const started = performance.now();
          const res = await fetch(`${api.url}${query}`);
          const body = (await res.json()) as { slots?: unknown[] };
          if (n >= 3) samples.push(performance.now() - started);
          slots = body.slots?.length ?? -1;
        }
        await api.close();
        samples.sort((a, b) => a - b);
        console.log(`  ${mode.name.padEnd(28)} cache ${cacheSeconds.padStart(2)} s: ${String(slots).padStart(5)} slots, p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms (${samples.length} requests)`);
      }
    }
  } finally {
    await stack.stopAll();
  }
}
