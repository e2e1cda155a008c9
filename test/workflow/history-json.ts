/**
 * Workflow histories as JSON files. Not `historyToJSON`/`historyFromJSON` from @temporalio/common:
 * in this install @temporalio/common and @temporalio/proto each nest their own copy of protobufjs
 * (the root holds 7.x for other packages), and protojson's `instanceof Type` check fails across
 * the two copies ("type must be a Type"). The generated History class's own toObject/fromObject
 * round-trips the same data (enums as names, int64 as strings, bytes as base64).
 */
import proto from '@temporalio/proto';

type History = proto.temporal.api.history.v1.History;
const { History } = proto.temporal.api.history.v1;

export function historyToJson(history: proto.temporal.api.history.v1.IHistory): string {
  const message = History.fromObject(history as Record<string, unknown>);
  return `${JSON.stringify(History.toObject(message, { longs: String, enums: String, bytes: String }), null, 1)}\n`;
}

export function historyFromJson(json: string): History {
  return History.fromObject(JSON.parse(json) as Record<string, unknown>);
}
