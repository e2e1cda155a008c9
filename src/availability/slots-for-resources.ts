import type { Resource, Service, Slot } from '../catalog/catalog.types';
import type { Interval } from '../providers/calendar/calendar-provider';
import { freeStarts, mergeBusy } from './compute-slots';
import { workingWindowMillis } from './working-windows';

const MINUTE_MS = 60_000;

export interface SlotsQuery {
  service: Service;
  /** Resources that offer the service, each with the time it is taken (holds and calendar busy time). */
  resources: readonly { resource: Resource; busy: readonly Interval[] }[];
  from: Date;
  to: Date;
  now: Date;
}

/**
 * The pure part of availability, after the reads: every free slot of the service across the
 * resources, sorted by start then resource id. Instants stay numbers until the end; each distinct
 * instant is formatted once, however many resources share it.
 */
export function slotsForResources(query: SlotsQuery): Slot[] {
  const { service } = query;
  const durationMs = service.durationMinutes * MINUTE_MS;
  const ordered = [...query.resources].sort((a, b) => (a.resource.id < b.resource.id ? -1 : a.resource.id > b.resource.id ? 1 : 0));
  const perResource = ordered.map(({ resource, busy }) =>
    freeStarts({
      windows: workingWindowMillis(resource, query.from, query.to),
      rules: service,
      fromMs: query.from.getTime(),
      toMs: query.to.getTime(),
      nowMs: query.now.getTime(),
      busy: mergeBusy(busy),
    }),
  );
  const order = byStartThenRank(perResource);

  const iso = new Map<number, string>();
  const format = (t: number): string => {
    let text = iso.get(t);
    if (text === undefined) {
      text = new Date(t).toISOString();
      iso.set(t, text);
    }
    return text;
  };
  const slots: Slot[] = new Array<Slot>(order.length);
  for (let i = 0; i < order.length; i++) {
    const [t, rank] = order[i] as [number, number];
    slots[i] = { start: format(t), end: format(t + durationMs), resourceId: (ordered[rank] as (typeof ordered)[number]).resource.id };
  }
  return slots;
}

/** Slot starts of every resource in one list, by start then resource rank. Slot starts are whole minutes, so (start, rank) packs into one number that a typed array sorts natively. */
function byStartThenRank(perResource: number[][]): [number, number][] {
  const total = perResource.reduce((n, starts) => n + starts.length, 0);
  const ranks = Math.max(1, perResource.length);
  const keys = new Float64Array(total);
  let k = 0;
  let whole = true;
  perResource.forEach((starts, rank) => {
    for (const t of starts) {
      if (t % MINUTE_MS !== 0) whole = false;
      keys[k++] = (t / MINUTE_MS) * ranks + rank;
    }
  });
  if (!whole) {
    // A zone with a seconds offset (historic dates only): the plain comparison sort.
    return perResource.flatMap((starts, rank) => starts.map((t): [number, number] => [t, rank])).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }
  keys.sort();
  const out: [number, number][] = new Array<[number, number]>(total);
  for (let i = 0; i < total; i++) {
    const key = keys[i] as number;
    const rank = key % ranks;
    out[i] = [((key - rank) / ranks) * MINUTE_MS, rank];
  }
  return out;
}
