/**
 * Serializes the steps that change a booking (update handlers, the payment signal, timers firing).
 * A promise chain rather than `condition(() => !locked)`: several waiters woken in the same
 * activation would all see the lock free. Promise order is deterministic in the workflow sandbox.
 */
export class WorkflowMutex {
  private tail: Promise<void> = Promise.resolve();

  async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
