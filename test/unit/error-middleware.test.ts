import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceError, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState, WorkflowNotFoundError } from '@temporalio/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiError } from '../../src/api/errors/api-error';
import { ErrorCode } from '../../src/api/errors/error-codes';
import { createErrorMiddleware, toApiError } from '../../src/api/errors/error-middleware';
import { mapTemporalError } from '../../src/api/errors/temporal-failure-mapping';
import { createLogger } from '../../src/logging/logger';
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

  it('leaves failures with no API meaning to become a 500', () => {
    assert.equal(mapTemporalError(updateFailed(failure('SOMETHING_ELSE'))), undefined);
    assert.equal(mapTemporalError(updateFailed(failure('SomethingElse'))), undefined);
    assert.equal(mapTemporalError(new Error('plain bug')), undefined);
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
