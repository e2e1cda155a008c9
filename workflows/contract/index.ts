/**
 * The booking workflow's contract: ids and task queue, statuses, types, signals, queries, updates,
 * search attributes, failure types, the activity interface and every idempotency key. The workflow,
 * the API, the worker and the activities all import it from here, so they always agree.
 */
export * from './ids';
export * from './statuses';
export * from './failure-types';
export * from './booking-types';
export * from './messages';
export * from './search-attributes';
export * from './activities';
export * from './idempotency-keys';
export * from './message-delivery';
export * from './calendly';
