import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../workflows/contract';
import { ProviderFailureKind, isProviderFailure } from '../src/providers/provider-failure';

const NON_RETRYABLE_TYPE: Partial<Record<ProviderFailureKind, FailureType>> = {
  [ProviderFailureKind.NOT_FOUND]: FailureType.NOT_FOUND,
  [ProviderFailureKind.REFUSED]: FailureType.PROVIDER_REFUSED,
  [ProviderFailureKind.EXCEEDS_PAYMENT]: FailureType.REFUND_EXCEEDS_PAYMENT,
  [ProviderFailureKind.AUTH]: FailureType.PROVIDER_AUTH_FAILED,
};

/**
 * What the workflow sees of a provider's failure: a non-retryable ApplicationFailure with our failure
 * type when no retry can help (so Temporal stops retrying at once and the workflow decides), a
 * retryable one that waits as long as the provider asked when rate limited, and anything else as
 * thrown (retried by the activity's policy).
 */
export function asActivityFailure(error: unknown): unknown {
  if (!isProviderFailure(error)) return error;
  const details = [{ provider: error.provider, kind: error.kind, code: error.code ?? null }];
  const type = NON_RETRYABLE_TYPE[error.kind];
  if (type) return ApplicationFailure.create({ type, message: error.message, nonRetryable: true, details, cause: error });
  return ApplicationFailure.create({
    type: `PROVIDER_${error.kind.toUpperCase()}`,
    message: error.message,
    details,
    cause: error,
    ...(error.retryAfterMs !== undefined ? { nextRetryDelay: error.retryAfterMs } : {}),
  });
}

/** Runs a provider call and translates its failure (see `asActivityFailure`). */
export async function providerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asActivityFailure(error);
  }
}
