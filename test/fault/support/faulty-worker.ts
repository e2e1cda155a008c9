/**
 * `npm run worker` with a payment provider that is down on demand, for the fault suite only.
 *
 * The fault suite runs the worker as a separate process it can kill, so the outage cannot be set up
 * with a test double in the test process, and the suite never module-mocks. This entry point builds
 * the real worker exactly as workers/main.ts does (real config, database, activities and providers)
 * and wraps only `providers.payments.refund`: while the file named by FAULT_REFUND_OUTAGE_FILE exists,
 * a refund fails with a transient ProviderFailure before reaching the provider, as a provider outage
 * would; once the file is gone, the real local provider refunds. Each refused attempt appends a line
 * to FAULT_REFUND_ATTEMPTS_FILE, so the story can see the refund keeps being retried.
 */
import { NativeConnection } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createBookingActivities } from '../../../activities/booking.activities';
import { loadConfig } from '../../../src/config/load-config';
import { createDb } from '../../../src/db/connection';
import { onShutdownSignal } from '../../../src/dev/shutdown-signals';
import { createLogger } from '../../../src/logging/logger';
import { buildProviders } from '../../../src/providers/build-providers';
import type { PaymentProvider } from '../../../src/providers/payments/payment-provider';
import { ProviderFailure, ProviderFailureKind } from '../../../src/providers/provider-failure';
import { createBookingWorker, installWorkerRuntime } from '../../../workers/create-worker';

function failingWhileOutage(payments: PaymentProvider, outageFile: string, attemptsFile: string): PaymentProvider {
  const refund: PaymentProvider['refund'] = async (input) => {
    if (existsSync(outageFile)) {
      await appendFile(attemptsFile, `${input.idempotencyKey}\n`);
      throw new ProviderFailure(ProviderFailureKind.TRANSIENT, 'refunds are unavailable (fault suite outage)', { provider: payments.name, code: 503 });
    }
    return payments.refund(input);
  };
  // A wrapper object rather than a spread: the provider is a class whose methods live on its prototype.
  return {
    name: payments.name,
    createCheckout: (input) => payments.createCheckout(input),
    expireCheckout: (ref) => payments.expireCheckout(ref),
    refund,
  };
}

async function main(): Promise<void> {
  const outageFile = process.env.FAULT_REFUND_OUTAGE_FILE;
  const attemptsFile = process.env.FAULT_REFUND_ATTEMPTS_FILE;
  if (!outageFile || !attemptsFile) throw new Error('FAULT_REFUND_OUTAGE_FILE and FAULT_REFUND_ATTEMPTS_FILE are required');
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger(config.LOG_LEVEL).child({ component: 'faulty-worker' });
  installWorkerRuntime(logger);

  const db = createDb(config.DATABASE_URL as string);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS as string });
  const providers = buildProviders(config, db, logger);
  const worker = await createBookingWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createBookingActivities({ db, logger, providers: { ...providers, payments: failingWhileOutage(providers.payments, outageFile, attemptsFile) } }),
  });
  onShutdownSignal(async () => worker.shutdown());
  try {
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  createLogger('error').error('faulty worker failed', { err: error });
  process.exit(1);
});
