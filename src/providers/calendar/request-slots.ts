/**
 * At most `size` requests to one server at a time; the rest wait their turn, first come first served.
 * A waiter whose signal aborts (its deadline passed) leaves the queue without ever taking a slot.
 */
export class RequestSlots {
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`RequestSlots size must be a positive integer, got ${size}`);
  }

  async run<T>(signal: AbortSignal, request: () => Promise<T>): Promise<T> {
    await this.acquire(signal);
    try {
      return await request();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.inUse < this.size) {
      this.inUse++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const take = () => {
        signal.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        const at = this.waiting.indexOf(take);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      this.waiting.push(take);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  /** Hands the slot straight to the next waiter, so `inUse` never drops below what is really running. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inUse--;
  }
}
