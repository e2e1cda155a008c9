/**
 * Runs `shutdown` once on the first SIGINT or SIGTERM. A second Ctrl-C while it is still stopping
 * means "now": exit at once rather than leaving the person at a terminal that ignores them.
 */
export function onShutdownSignal(shutdown: (signal: NodeJS.Signals) => Promise<void>, onForce?: () => void): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      onForce?.();
      process.exit(130);
    }
    stopping = true;
    void shutdown(signal);
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
