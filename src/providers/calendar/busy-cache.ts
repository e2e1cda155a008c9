import type { Interval } from './calendar-provider';

const DAY_MS = 24 * 60 * 60_000;

interface Entry {
  at: number;
  intervals: Promise<Interval[]>;
}

/**
 * A calendar's busy times, reused for a short while. Questions are widened to whole UTC days so the
 * booking page's requests for the same week share one answer; concurrent questions share one call;
 * a failed call is never kept. Bounded: the oldest entries go first.
 */
export class BusyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(calendarId: string, from: Date, to: Date, load: (from: Date, to: Date) => Promise<Interval[]>): Promise<Interval[]> {
    const dayFrom = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
    const dayTo = Math.ceil(to.getTime() / DAY_MS) * DAY_MS;
    const key = `${calendarId}|${dayFrom}|${dayTo}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.intervals;
    const intervals = load(new Date(dayFrom), new Date(dayTo));
    if (this.ttlMs > 0) {
      this.entries.delete(key);
      this.entries.set(key, { at: this.now(), intervals });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      intervals.catch(() => {
        if (this.entries.get(key)?.intervals === intervals) this.entries.delete(key);
      });
    }
    return intervals;
  }

  /** Drops every answer about this calendar (after the product wrote to it). */
  forget(calendarId: string): void {
    const prefix = `${calendarId}|`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
