import { type Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { SearchAttributeType } from '@temporalio/common';
import { BOOKING_SEARCH_ATTRIBUTES } from '../../workflows/contract';

const GRPC_ALREADY_EXISTS = 6;

/** `Keyword`, `Datetime`, `KeywordList`: the spelling of the `temporal` CLI (start-dev, search-attribute create). */
export function cliSearchAttributeType(type: SearchAttributeType): string {
  return type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `Name=Type` for each booking search attribute, as `temporal server start-dev --search-attribute` takes it. */
export function cliSearchAttributeSpecs(): string[] {
  return BOOKING_SEARCH_ATTRIBUTES.map(({ name, type }) => `${name}=${cliSearchAttributeType(type)}`);
}

export function cliSearchAttributeArgs(): string[] {
  return cliSearchAttributeSpecs().flatMap((spec) => ['--search-attribute', spec]);
}

function indexedValueType(type: SearchAttributeType) {
  const encoded = encodeSearchAttributeIndexedValueType(type);
  if (encoded === undefined) throw new Error(`Unknown search attribute type ${type}`);
  return encoded;
}

/**
 * Registers the booking search attributes on a server that already runs (a cluster, Temporal Cloud
 * via its own tooling aside). Existing ones are left alone, so this is safe on every start.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = BOOKING_SEARCH_ATTRIBUTES.filter(({ name }) => !customAttributes?.[name]);
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(({ name, type }) => [name, indexedValueType(type)])),
    });
  } catch (error) {
    // Another process registering them at the same moment is success, not failure.
    if ((error as { code?: number }).code !== GRPC_ALREADY_EXISTS) throw error;
  }
}
