/**
 * What a booking's history holds, by event type: printed for one product booking and one no-op
 * booking after a run, so a reader sees the no-op has the product's shape (and a drift between
 * `workflows/` and the no-op shows). Markers are told apart by name (a local activity, or the
 * `patched()` marker of the product's versioning) and search attribute upserts by what they set (the
 * booking's attributes, or the `TemporalChangeVersion` that `patched()` writes).
 */
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export type EventCounts = Record<string, number>;

interface JsonEvent {
  eventType?: string;
  markerRecordedEventAttributes?: { markerName?: string };
  upsertWorkflowSearchAttributesEventAttributes?: { searchAttributes?: { indexedFields?: Record<string, unknown> } };
}

/** The rows printed, with the key `countEventTypes` files them under. */
export const SHAPE_ROWS: [label: string, key: string][] = [
  ['events in all', 'total'],
  ['workflow tasks completed', 'WORKFLOW_TASK_COMPLETED'],
  ['local activities (markers)', 'MARKER_RECORDED:core_local_activity'],
  ['patch markers', 'MARKER_RECORDED:core_patch'],
  ['activities scheduled', 'ACTIVITY_TASK_SCHEDULED'],
  ['timers started', 'TIMER_STARTED'],
  ['search attribute upserts', 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'],
  ['  of which patch versions', 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:TemporalChangeVersion'],
  ['updates accepted', 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED'],
  ['signals', 'WORKFLOW_EXECUTION_SIGNALED'],
];

function subtype(event: JsonEvent): string | null {
  const marker = event.markerRecordedEventAttributes?.markerName;
  if (marker) return marker;
  const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
  if (fields && Object.keys(fields).every((name) => name === 'TemporalChangeVersion')) return 'TemporalChangeVersion';
  return null;
}

export function countEventTypes(historyJson: string): EventCounts {
  const { events = [] } = JSON.parse(historyJson) as { events?: JsonEvent[] };
  const counts: EventCounts = { total: events.length };
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const event of events) {
    const type = (event.eventType ?? 'UNKNOWN').replace(/^EVENT_TYPE_/, '');
    add(type);
    const sub = subtype(event);
    if (sub) add(`${type}:${sub}`);
  }
  return counts;
}

export async function historyShape(client: Client, workflowId: string): Promise<EventCounts> {
  return countEventTypes(historyToJSON(await client.workflow.getHandle(workflowId).fetchHistory()));
}

export function formatShapes(product: EventCounts | null, noop: EventCounts | null): string[] {
  const line = (label: string, a: string, b: string) => `  ${label.padEnd(32)}${a.padStart(10)}${b.padStart(10)}`;
  const cell = (counts: EventCounts | null, key: string) => (counts ? String(counts[key] ?? 0) : '-');
  return [
    'History of one booking (the product keeps running on its reminder timer; the no-op completes):',
    line('', 'product', 'no-op'),
    ...SHAPE_ROWS.map(([label, key]) => line(label, cell(product, key), cell(noop, key))),
  ];
}
