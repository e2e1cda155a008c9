import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceError, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState, WorkflowNotFoundError } from '@temporalio/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiError } from '../../src/api/errors/api-error';
import { ErrorCode } from '../../src/api/errors/error-codes';
import { createErrorMiddleware, toApiError } from '../../src/api/errors/error-middleware';
import { isDatabaseUnavailable } from '../../src/api/errors/database-failure';
import { mapTemporalError } from '../../src/api/errors/temporal-failure-mapping';
import { BookingClosedError, BookingNotFoundError, IdempotencyKeyReusedError, SlotNotOfferedError, SlotUnavailableError } from '../../src/bookings/booking-errors';
import { ResourceNotFoundError, ServiceNotFoundError } from '../../src/catalog/catalog-errors';
import { createDb } from '../../src/db/connection';
import { createLogger } from '../../src/logging/logger';
import { ProviderFailure } from '../../src/providers/provider-failure';
import { FailureType } from '../../workflows/contract';

const failure = (type: string, message = `${type} happened`) => ApplicationFailure.create({ type, message, nonRetryable: true });
const updateFailed = (cause: Error) => new WorkflowUpdateFailedError('Workflow Update failed', cause);
// The shape @grpc/grpc-js gives its errors: a code, details, and metadata.
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const bodyParserError = (type: string, status: number) => Object.assign(new Error('body-parser said no'), { type, status, expose: true });

function fakeResponse() {
  const sent: { status?: number; body?: unknown } = {};
  const res = {
    headersSent: false,
    locals: { requestId: 'req-1' },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  return { res: res as unknown as Response, sent };
}

function answer(err: unknown) {
  const lines: string[] = [];
  const middleware = createErrorMiddleware(createLogger('debug', {}, (line) => {
    lines.push(line);
    return true;
  }));
  const { res, sent } = fakeResponse();
  middleware(err, { method: 'POST', path: '/v1/bookings' } as Request, res, () => assert.fail('must answer, not pass on'));
  return { ...sent, logged: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('mapping Temporal failures to API errors', () => {
  it('answers 409 SLOT_UNAVAILABLE when the hold update fails because the slot is taken', () => {
    const mapped = mapTemporalError(updateFailed(failure(FailureType.SLOT_UNAVAILABLE, 'Someone booked it first.')));
    assert.equal(mapped?.status, 409);
    assert.equal(mapped?.code, ErrorCode.SLOT_UNAVAILABLE);
    assert.equal(mapped?.message, 'Someone booked it first.');
  });

  it('answers 409 INVALID_TRANSITION when cancelling a finished booking is refused by the validator', () => {
    const mapped = mapTemporalError(updateFailed(failure(FailureType.INVALID_TRANSITION, 'A COMPLETED booking cannot be cancelled.')));
    assert.deepEqual([mapped?.status, mapped?.code], [409, ErrorCode.INVALID_TRANSITION]);
  });

  it('finds the failure type however deep the client wrapped it', () => {
    const nested = new WorkflowFailedError('Workflow failed', new ActivityFailure('hold', 'a1', 'holdSlot', RetryState.NON_RETRYABLE_FAILURE, undefined, failure(FailureType.SLOT_UNAVAILABLE)), RetryState.NON_RETRYABLE_FAILURE);
    assert.equal(mapTemporalError(nested)?.code, ErrorCode.SLOT_UNAVAILABLE);
  });

  it('answers 404 for a NOT_FOUND failure and for a workflow Temporal does not know', () => {
    assert.equal(mapTemporalError(updateFailed(failure(FailureType.NOT_FOUND)))?.status, 404);
    assert.equal(mapTemporalError(new WorkflowNotFoundError('no such workflow', 'booking-bk_1', undefined))?.code, ErrorCode.NOT_FOUND);
  });

  it('answers 503 UNAVAILABLE when the Temporal server cannot be reached', () => {
    const unreachable = new ServiceError('Failed to connect to Temporal server', { cause: grpcError(14, 'No connection established') });
    assert.deepEqual([mapTemporalError(unreachable)?.status, mapTemporalError(unreachable)?.code], [503, ErrorCode.UNAVAILABLE]);
    assert.equal(mapTemporalError(grpcError(14, 'connection refused'))?.code, ErrorCode.UNAVAILABLE);
    assert.equal(mapTemporalError(grpcError(4, 'Deadline exceeded'))?.code, ErrorCode.UNAVAILABLE);
  });

  it('answers 503 without the provider\'s own words when a payment provider keeps refusing', () => {
    const mapped = mapTemporalError(updateFailed(failure(FailureType.PAYMENT_PROVIDER_REJECTED)));
    assert.equal(mapped?.status, 503);
    assert.equal(mapped?.code, 'UNAVAILABLE');
    assert.doesNotMatch(mapped?.message ?? '', /boom|Error/);
  });

  it('answers 409 INVALID_TRANSITION with a clear message when the customer has rescheduled as often as the service allows', () => {
    const fromWorkflow = mapTemporalError(updateFailed(failure(FailureType.RESCHEDULE_LIMIT_REACHED, 'This booking was already moved 3 times, the most its service allows.')));
    assert.deepEqual([fromWorkflow?.status, fromWorkflow?.code, fromWorkflow?.details], [409, ErrorCode.INVALID_TRANSITION, { reason: 'RESCHEDULE_LIMIT_REACHED' }]);
    assert.equal(fromWorkflow?.message, 'This booking was already moved 3 times, the most its service allows.');
    const silent = mapTemporalError(updateFailed(ApplicationFailure.create({ type: FailureType.RESCHEDULE_LIMIT_REACHED, nonRetryable: true })));
    assert.equal(silent?.message, 'This booking has been rescheduled as often as its service allows.');
  });

  it('answers 409 when the booking lost its hold or a refund would exceed the payment, in our words', () => {
    for (const type of [FailureType.HOLD_NOT_LIVE, FailureType.REFUND_EXCEEDS_PAYMENT]) {
      const mapped = mapTemporalError(updateFailed(failure(type, 'hold hk_1 is not live (released)')));
      assert.deepEqual([mapped?.status, mapped?.code, mapped?.details], [409, ErrorCode.INVALID_TRANSITION, { reason: type }], type);
      assert.doesNotMatch(mapped?.message ?? '', /hk_1/);
    }
  });

  it('answers 503 when a provider refuses our credentials or the request, without the provider\'s words', () => {
    for (const type of [FailureType.PROVIDER_AUTH_FAILED, FailureType.PROVIDER_REFUSED, FailureType.RESCHEDULE_FAILED]) {
      const mapped = mapTemporalError(updateFailed(failure(type, 'Stripe said: invalid API key sk_live_123')));
      assert.deepEqual([mapped?.status, mapped?.code], [503, ErrorCode.UNAVAILABLE], type);
      assert.doesNotMatch(mapped?.message ?? '', /sk_live|Stripe/);
    }
  });

  it('treats a hold key naming another hold as our fault: a 500 that is logged', () => {
    const mapped = mapTemporalError(updateFailed(failure(FailureType.HOLD_KEY_CONFLICT)));
    assert.deepEqual([mapped?.status, mapped?.code], [500, ErrorCode.INTERNAL]);
  });

  it('has an answer for every failure type of the contract', () => {
    for (const type of Object.values(FailureType)) assert.ok(mapTemporalError(updateFailed(failure(type))), type);
  });

  it('leaves failures with no API meaning to become a 500', () => {
    assert.equal(mapTemporalError(updateFailed(failure('SOMETHING_ELSE'))), undefined);
    assert.equal(mapTemporalError(updateFailed(failure('SomethingElse'))), undefined);
    assert.equal(mapTemporalError(new Error('plain bug')), undefined);
  });
});

describe('mapping domain errors to API errors', () => {
  it('answers 404 for a booking, service or resource that is not there', () => {
    assert.deepEqual(answer(new BookingNotFoundError('bk_1')).body, { error: { code: 'NOT_FOUND', message: 'Booking not found.' } });
    assert.equal(answer(new ServiceNotFoundError('svc_1')).status, 404);
    assert.equal(answer(new ResourceNotFoundError('res_1')).status, 404);
  });

  it('answers 409 INVALID_TRANSITION with the status of a booking that has closed', () => {
    const { status, body } = answer(new BookingClosedError('bk_1', 'CANCELLED'));
    assert.equal(status, 409);
    assert.deepEqual(body, { error: { code: 'INVALID_TRANSITION', message: 'Booking is CANCELLED and can no longer change.', details: { status: 'CANCELLED' } } });
  });

  it('answers 409 for a taken slot, 422 for a slot not offered (with the reason) and for a reused Idempotency-Key', () => {
    assert.deepEqual([answer(new SlotUnavailableError()).status, toApiError(new SlotUnavailableError())?.code], [409, ErrorCode.SLOT_UNAVAILABLE]);
    const notOffered = answer(new SlotNotOfferedError('TOO_SOON', 'Too soon.'));
    assert.deepEqual([notOffered.status, notOffered.body], [422, { error: { code: 'SLOT_NOT_OFFERED', message: 'Too soon.', details: { reason: 'TOO_SOON' } } }]);
    assert.deepEqual([answer(new IdempotencyKeyReusedError('k')).status, toApiError(new IdempotencyKeyReusedError('k'))?.code], [422, ErrorCode.IDEMPOTENCY_KEY_REUSED]);
  });

  it('answers 503 when a provider the API calls itself is down, and keeps its words out of the answer', () => {
    const { status, body } = answer(new ProviderFailure('transient', 'Google said 502 for calendar alex@example.com', { provider: 'google' }));
    assert.equal(status, 503);
    assert.doesNotMatch(JSON.stringify(body), /alex@example.com/);
  });
});

/** Errors as `pg`, `pg-pool` and node's sockets throw them when PostgreSQL is out of reach. */
const pgServerError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });

describe('telling a database outage from a database error', () => {
  it('counts a refused, reset or timed-out connection as an outage', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']) assert.equal(isDatabaseUnavailable(socketError(code)), true, code);
  });

  it('counts both addresses of localhost refusing (an AggregateError) as an outage', () => {
    const refused = Object.assign(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]), { code: undefined });
    assert.equal(isDatabaseUnavailable(refused), true);
  });

  it('counts PostgreSQL shutting down, starting up, out of connections or dropping the connection as an outage', () => {
    const cases: [string, string][] = [
      ['57P01', 'terminating connection due to administrator command'],
      ['57P02', 'terminating connection due to crash of another server process'],
      ['57P03', 'the database system is starting up'],
      ['53300', 'sorry, too many clients already'],
      ['08006', 'connection failure'],
      ['08001', 'unable to establish connection'],
      ['08003', 'connection does not exist'],
    ];
    for (const [code, message] of cases) assert.equal(isDatabaseUnavailable(pgServerError(code, message)), true, code);
  });

  it('counts the driver losing its connection or the pool giving up waiting as an outage', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ]) {
      assert.equal(isDatabaseUnavailable(new Error(message)), true, message);
    }
  });

  it('recognises what the real driver throws when nothing listens on the database port', async () => {
    const db = createDb('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    try {
      const err = await db.selectFrom('bookings').select('id').execute().then(
        () => assert.fail('nothing listens on port 1'),
        (e: unknown) => e,
      );
      assert.equal(isDatabaseUnavailable(err), true, String(err));
      assert.equal(answer(err).status, 503);
    } finally {
      await db.destroy();
    }
  });

  it('leaves errors of the query itself, and everything else, alone', () => {
    assert.equal(isDatabaseUnavailable(pgServerError('23505', 'duplicate key value violates unique constraint')), false);
    assert.equal(isDatabaseUnavailable(pgServerError('42P01', 'relation "bookings" does not exist')), false);
    assert.equal(isDatabaseUnavailable(new TypeError('cannot read properties of undefined')), false);
    // A provider's HTTP call failing deep down is not the database.
    assert.equal(isDatabaseUnavailable(new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') })), false);
    assert.equal(isDatabaseUnavailable(grpcError(14, 'No connection established')), false);
    assert.equal(isDatabaseUnavailable(undefined), false);
  });

  it('answers an outage with 503 UNAVAILABLE and a clear message, never 500, and logs one warning line', () => {
    const { status, body, logged } = answer(new Error('Connection terminated unexpectedly'));
    assert.equal(status, 503);
    assert.deepEqual(body, { error: { code: 'UNAVAILABLE', message: 'The database is unavailable right now; try again shortly.' } });
    assert.deepEqual([logged.length, logged[0]?.level, logged[0]?.cause], [1, 'warn', 'Connection terminated unexpectedly']);
    assert.equal(answer(socketError('ECONNREFUSED')).status, 503);
    assert.equal(answer(pgServerError('57P01', 'terminating connection due to administrator command')).status, 503);
  });
});

describe('the error middleware', () => {
  it('answers an ApiError with its status and the error shape', () => {
    const { status, body } = answer(new ApiError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'That key was used with another body.'));
    assert.equal(status, 422);
    assert.deepEqual(body, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'That key was used with another body.' } });
  });

  it('turns a zod error into 400 VALIDATION_FAILED with one detail per problem, unknown keys named', () => {
    const parsed = z.object({ start: z.string(), customer: z.object({ email: z.email() }) }).strict().safeParse({ customer: { email: 'nope' }, colour: 'red' });
    assert.equal(parsed.success, false);
    const { status, body } = answer(parsed.error);
    assert.equal(status, 400);
    const error = (body as { error: { code: string; details: { path: string; message: string }[] } }).error;
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.details.map((d) => d.path).sort(), ['colour', 'customer.email', 'start']);
    assert.equal(error.details.find((d) => d.path === 'colour')?.message, 'Unknown field.');
  });

  it('maps the JSON parser errors: bad JSON to 400 MALFORMED_JSON and a big body to 413', () => {
    assert.deepEqual([answer(bodyParserError('entity.parse.failed', 400)).status, toApiError(bodyParserError('entity.parse.failed', 400))?.code], [400, ErrorCode.MALFORMED_JSON]);
    assert.deepEqual([answer(bodyParserError('entity.too.large', 413)).status, toApiError(bodyParserError('entity.too.large', 413))?.code], [413, ErrorCode.PAYLOAD_TOO_LARGE]);
  });

  it('maps a Temporal failure rethrown by a booking route', () => {
    const { status, body } = answer(updateFailed(failure(FailureType.SLOT_UNAVAILABLE, 'Taken.')));
    assert.equal(status, 409);
    assert.deepEqual(body, { error: { code: 'SLOT_UNAVAILABLE', message: 'Taken.' } });
  });

  it('hides an unexpected error behind a generic 500 and logs it with its stack', () => {
    const { status, body, logged } = answer(new TypeError('cannot read properties of undefined (secret internals)'));
    assert.equal(status, 500);
    const error = (body as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'INTERNAL');
    assert.doesNotMatch(JSON.stringify(body), /secret internals|TypeError|at /);
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.level, 'error');
    assert.match(JSON.stringify(logged[0]?.err), /secret internals/);
  });

  it('does not log client mistakes as errors', () => {
    assert.equal(answer(ApiError.notFound('Booking')).logged.length, 0);
  });
});
