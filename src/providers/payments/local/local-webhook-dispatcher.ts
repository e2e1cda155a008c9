import { claimDueLocalWebhooks, type LocalWebhookOutboxRow } from './local-webhook-outbox.repository';
import { attemptLocalWebhook, CLAIM_LEASE_MS, type AttemptDeps } from './local-webhook-attempt';

export interface DispatcherOptions extends AttemptDeps {
  /** This API's webhook URL: the rows addressed to it are this dispatcher's to deliver. */
  endpointUrl: string;
  /** How often an idle dispatcher looks for due rows. */
  pollIntervalMs?: number;
  /** Rows claimed (and attempted side by side) per pass. */
  batchSize?: number;
  leaseMs?: number;
  /** See `ClaimOptions.adoptAfterMs`. */
  adoptAfterMs?: number;
}

export interface LocalWebhookDispatcher {
  start(): void;
  /** Look for due rows now instead of at the next poll. */
  wake(): void;
  /** Ends the loop: in-flight attempts are aborted and their rows handed back. Resolves once it has stopped. */
  stop(): Promise<void>;
}

/**
 * Delivers the local provider's outbox: claims due rows, POSTs each, records the outcome, and polls
 * again. Every API replica runs one; they share the work through `FOR UPDATE SKIP LOCKED`. A database
 * outage is logged once and waited out: the loop only ends when it is stopped.
 */
export function createLocalWebhookDispatcher(options: DispatcherOptions): LocalWebhookDispatcher {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const batchSize = options.batchSize ?? 10;
  const claim = {
    endpointUrl: options.endpointUrl,
    limit: batchSize,
    leaseMs: options.leaseMs ?? CLAIM_LEASE_MS,
    adoptAfterMs: options.adoptAfterMs ?? 60_000,
  };
  const logger = options.logger.child({ component: 'local-webhook-dispatcher' });
  const deps: AttemptDeps = { ...options, logger };
  const abort = new AbortController();
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let outage = false;

  const idle = () =>
    new Promise<void>((resolve) => {
      if (woken || !running) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(() => done(), pollIntervalMs);
      // An idle poll never keeps a process alive by itself.
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        wakeUp = null;
        woken = false;
        resolve();
      };
      wakeUp = done;
    });

  const claimDue = async (): Promise<LocalWebhookOutboxRow[]> => {
    try {
      const rows = await claimDueLocalWebhooks(options.db, claim);
      if (outage) logger.info('local webhook outbox reachable again; delivering');
      outage = false;
      return rows;
    } catch (err) {
      // Logged when the outage starts, not on every poll while it lasts.
      if (!outage) logger.error('local webhook outbox unreachable; paid events wait in it until the database returns', { err });
      outage = true;
      return [];
    }
  };

  const run = async () => {
    while (running) {
      let full = false;
      try {
        const rows = await claimDue();
        await Promise.all(rows.map((row) => attemptLocalWebhook(deps, row, abort.signal)));
        // A full batch suggests more are due: go again at once (a backlog after an outage drains fast).
        full = rows.length === batchSize;
      } catch (err) {
        logger.error('local webhook dispatch pass failed; polling on', { err });
      }
      if (!full) await idle();
    }
  };

  return {
    start() {
      if (running || abort.signal.aborted) return;
      running = true;
      logger.debug('started', { endpointUrl: options.endpointUrl, pollIntervalMs });
      loop = run();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      abort.abort();
      wakeUp?.();
      await loop;
      loop = null;
    },
  };
}
