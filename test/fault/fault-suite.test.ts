/**
 * The fault suite: the booking saga over HTTP while its parts crash and go away. The worker and the
 * API run as child processes (`npm run worker`, `npm run api`) against this suite's own Temporal dev
 * server (workflows in a SQLite file, so a restart keeps them) and its own PostgreSQL, which the
 * stories SIGKILL, restart and stop. `npm test` runs it after every other test, alone
 * (`--test-concurrency=1`), so it neither disturbs the shared servers nor competes for the cores.
 * Run only this suite with `npx tsx test/support/run-tests.ts fault`.
 *
 * The servers start once for the suite; each story starts its own API and worker on its own task
 * queue, so a story's leftovers never run on the next story's worker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/logging/logger';
import { startFaultApp, type FaultApp } from './support/fault-app';
import { startFaultServers, type FaultServers } from './support/fault-servers';
import type { FaultStory } from './support/fault-story';
import { postgresDownDuringPayments } from './stories/postgres-down-during-payments';
import { refundProviderDownDuringCancel } from './stories/refund-provider-down-during-cancel';
import { temporalRestartedWhileWaiting } from './stories/temporal-restarted-while-waiting';
import { webhookDeliveredTenTimes } from './stories/webhook-delivered-ten-times';
import { workerKilledAfterPayment } from './stories/worker-killed-after-payment';
import { workerKilledDuringBurst } from './stories/worker-killed-during-burst';

const STORIES: FaultStory[] = [
  workerKilledDuringBurst,
  workerKilledAfterPayment,
  temporalRestartedWhileWaiting,
  postgresDownDuringPayments,
  webhookDeliveredTenTimes,
  refundProviderDownDuringCancel,
];

// Ctrl-C, or the runner's SIGTERM, would end this process without its `after` hooks: exit instead, so
// the exit hooks of the servers and processes it started kill them rather than leave them running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

let servers: FaultServers | undefined;
function current(): FaultServers {
  if (!servers) throw new Error('the fault servers did not start');
  return servers;
}

before(async () => {
  servers = await startFaultServers(createLogger('warn').child({ component: 'fault-suite' }));
}, { timeout: 180_000 });
after(() => servers?.stop());

for (const story of STORIES) {
  describe(story.situation, () => {
    let scratchDir: string;
    let app: FaultApp | undefined;
    before(async () => {
      scratchDir = await mkdtemp(join(tmpdir(), 'bookings-fault-story-'));
      app = await startFaultApp(current(), story.app?.(scratchDir));
    }, { timeout: 120_000 });
    after(async () => {
      await app?.stop();
      // Whatever the story did and however it ended, the next one finds both servers up.
      await current().startPostgres();
      await rm(scratchDir, { recursive: true, force: true });
    });

    it(story.outcome, { timeout: story.timeoutMs }, async (t) => {
      if (!app) throw new Error('the app did not start');
      try {
        await story.run(app, current(), scratchDir);
      } catch (error) {
        t.diagnostic(app.recentOutput());
        throw error;
      }
    });
  });
}
