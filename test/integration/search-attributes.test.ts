/**
 * The booking search attributes exist wherever bookings run: on the dev server `npm start` starts
 * (command-line flags) and on a server that lacks them (`ensureSearchAttributes`, which `npm start`
 * runs against a configured server). Against the run's real dev server.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import { after, before, describe, it } from 'node:test';
import { ensureSearchAttributes } from '../../src/dev/search-attributes';
import { BOOKING_SEARCH_ATTRIBUTES } from '../../workflows/contract';
import { testEnv } from '../support/test-env';

async function bookingAttributesOf(connection: Connection, namespace: string): Promise<Record<string, number | undefined>> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  return Object.fromEntries(BOOKING_SEARCH_ATTRIBUTES.map(({ name }) => [name, customAttributes?.[name] ?? undefined]));
}

/** Each attribute with the server's code for its contract type (KEYWORD_LIST for BookingAttention). */
const expected = Object.fromEntries(BOOKING_SEARCH_ATTRIBUTES.map(({ name, type }) => [name, encodeSearchAttributeIndexedValueType(type)]));

describe('the booking search attributes on a Temporal server', () => {
  let connection: Connection;
  before(async () => {
    connection = await Connection.connect({ address: testEnv().temporalAddress });
  });
  after(async () => {
    await connection?.close();
  });

  it('are registered by the dev server flags, BookingAttention as a keyword list', async () => {
    assert.deepEqual(await bookingAttributesOf(connection, 'default'), expected);
  });

  it('are added to a namespace that lacks them, and a second run changes nothing', async () => {
    const namespace = `sa-${randomBytes(4).toString('hex')}`;
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });

    await ensureSearchAttributes(connection, namespace);
    await ensureSearchAttributes(connection, namespace);

    assert.deepEqual(await bookingAttributesOf(connection, namespace), expected);
  });
});
