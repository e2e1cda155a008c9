/**
 * `npm run worker` with a payment provider that is down on demand, for the fault suite only.
 *
 * The fault suite runs the worker as a separate process it can kill, so the outage cannot be set up
 * with a test double in the test process, and the suite never module-mocks. This entry point builds
 * the real worker from the same composition root as workers/main.ts (real config, database,
 * activities and providers) and wraps only `providers.payments.refund`: while the file named by
 * FAULT_REFUND_OUTAGE_FILE exists, a refund fails with a transient ProviderFailure before reaching
 * the provider, as a provider outage would; once the file is gone, the real local provider refunds.
 * Each refused attempt appends a line to FAULT_REFUND_ATTEMPTS_FILE, so the story can see the refund
 * keeps being retried.
 */
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createAppDependencies } from '../../../src/composition/app-dependencies';
import { loadClusterSettings } from '../../../src/composition/app-settings';
import { startBookingWorker } from '../../../src/composition/worker-dependencies';
import { onShutdownSignal } from '../../../src/dev/shutdown-signals';
import { createStopStack } from '../../../src/dev/stop-stack';
import { createLogger } from '../../../src/logging/logger';
import type { PaymentProvider } from '../../../src/providers/payments/payment-provider';
import { ProviderFailure, ProviderFailureKind } from '../../../src/providers/provider-failure';
import { installWorkerRuntime } from '../../../workers/create-worker';

function failingWhileOutage(payments: PaymentProvider, outageFile: string, attemptsFile: string): PaymentProvider {
  const refund: PaymentProvider['refund'] = async (input) => {
    if (existsSync(outageFile)) {
      await appendFile(attemptsFile, `${input.idempotencyKey}\n`);
      throw new ProviderFailure(ProviderFailureKind.TRANSIENT, 'refunds are unavailable (fault suite outage)', { provider: payments.name, code: 503 });
    }
    return payments.refund(input);
  };
  // Every other method is the real provider's, bound to it: its methods live on a class prototype.
  return new Proxy(payments, {
    get: (target, property, receiver) => {
      if (property === 'refund') return refund;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function main(): Promise<void> {
  const outageFile = process.env.FAULT_REFUND_OUTAGE_FILE;
  const attemptsFile = process.env.FAULT_REFUND_ATTEMPTS_FILE;
  if (!outageFile || !attemptsFile) throw new Error('FAULT_REFUND_OUTAGE_FILE and FAULT_REFUND_ATTEMPTS_FILE are required');
  const settings = loadClusterSettings(process.env, 'worker');
  const logger = createLogger(settings.config.LOG_LEVEL).child({ component: 'faulty-worker' });
  installWorkerRuntime(logger);
  const stack = createStopStack(logger);
  onShutdownSignal(async () => {
    await stack.stopAll();
  });
  // The same composition as workers/main.ts, with the payment provider wrapped before the activities see it.
  const app = await createAppDependencies(settings, { logger, stack });
  const payments = failingWhileOutage(app.providers.payments, outageFile, attemptsFile);
  const { running } = await startBookingWorker({ ...app, providers: { ...app.providers, payments } }, stack);
  await running;
  await stack.stopAll();
}

main().catch((error: unknown) => {
  createLogger('error').error('faulty worker failed', { err: error });
  process.exit(1);
});
