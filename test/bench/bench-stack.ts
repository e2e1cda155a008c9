/**
 * The product a benchmark talks to: a running one on this machine (BENCH_BASE_URL + BENCH_ADMIN_KEY,
 * and BENCH_TEMPORAL_ADDRESS for the no-op beside it), or the embedded default started as a child
 * `npm start` in a temporary DATA_DIR on free ports, stopped with Ctrl-C (SIGINT) like a user would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '../support/test-env';
import { spawnUntilReady, stopChild } from './child-process';
import { assertLoopback } from './loopback';

export interface BenchStack {
  baseUrl: string;
  adminKey: string;
  /** The product's Temporal server, where the no-op runs too; null when not known. */
  temporalAddress: string | null;
  namespace: string;
  createFixtures(bookings: number): Promise<{ serviceId: string; resourceIds: string[] }>;
  availableSlots(serviceId: string, resourceIds: string[], wanted: number): Promise<{ start: string; resourceId: string }[]>;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../..');

export async function startBenchStack(): Promise<BenchStack> {
  if (process.env.BENCH_BASE_URL) {
    const adminKey = process.env.BENCH_ADMIN_KEY;
    if (!adminKey) throw new Error('BENCH_BASE_URL needs BENCH_ADMIN_KEY');
    const temporal = process.env.BENCH_TEMPORAL_ADDRESS ?? null;
    if (temporal) assertLoopback(`http://${temporal}`);
    const baseUrl = assertLoopback(process.env.BENCH_BASE_URL.replace(/\/+$/, ''));
    return stackApi(baseUrl, adminKey, temporal, process.env.TEMPORAL_NAMESPACE || 'default', async () => {});
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'booking-bench-'));
  const [port, temporalPort, uiPort, pgPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  const { child, captured } = await spawnUntilReady('npm start', ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    patterns: [/API:\s+(\S+)/, /Admin key:\s+(\S+)/],
    timeoutMs: 180_000,
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  console.log(`started the embedded default in ${dataDir}`);
  return stackApi(baseUrl, captured[1]!, `127.0.0.1:${temporalPort}`, 'default', async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  });
}

function stackApi(baseUrl: string, adminKey: string, temporalAddress: string | null, namespace: string, stop: () => Promise<void>): BenchStack {
  const admin = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
    return res.json() as Promise<Record<string, { id: string }>>;
  };
  return {
    baseUrl,
    adminKey,
    temporalAddress,
    namespace,
    stop,
    async createFixtures(bookings) {
      const suffix = randomBytes(4).toString('hex');
      const allDay = [{ start: '00:00', end: '23:45' }];
      const { service } = await admin('/v1/admin/services', {
        id: `svc_bench_${suffix}`,
        name: 'Bench session',
        durationMinutes: 15,
        priceCents: 2500,
        currency: 'EUR',
        minNoticeMinutes: 0,
        maxAdvanceDays: 60,
        slotStepMinutes: 15,
        paymentWindowMinutes: 30,
        reminderOffsetsMinutes: [60],
      });
      // One resource per ~600 bookings keeps the slots within a week.
      const resourceIds: string[] = [];
      for (let i = 0; i < Math.max(1, Math.ceil(bookings / 600)); i++) {
        const { resource } = await admin('/v1/admin/resources', {
          id: `res_bench_${suffix}_${i}`,
          name: `Bench room ${i}`,
          timeZone: 'UTC',
          weeklyHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
          serviceIds: [service!.id],
        });
        resourceIds.push(resource!.id);
      }
      return { serviceId: service!.id, resourceIds };
    },
    async availableSlots(serviceId, resourceIds, wanted) {
      const slots: { start: string; resourceId: string }[] = [];
      let from = new Date(Date.now() + 60 * 60_000);
      for (let day = 0; day < 50 && slots.length < wanted; day++) {
        const to = new Date(from.getTime() + 24 * 60 * 60_000);
        for (const resourceId of resourceIds) {
          const q = new URLSearchParams({ serviceId, resourceId, from: from.toISOString(), to: to.toISOString() });
          const res = await fetch(`${baseUrl}/v1/availability?${q}`);
          const body = (await res.json()) as { slots: { start: string; resourceId: string }[] };
          slots.push(...body.slots);
        }
        from = to;
      }
      return slots.slice(0, wanted);
    },
  };
}
