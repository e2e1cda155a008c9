/**
 * The failures every provider (payments, calendars, messages) reports in one vocabulary, so an
 * activity can tell "retry later" from "retrying cannot help" without knowing which vendor answered.
 * Adapters translate their vendor's errors into these; anything else they throw counts as transient.
 */
export const ProviderFailureKind = {
  /** The object is not there (a deleted event, an unknown payment). */
  NOT_FOUND: 'not_found',
  /** The provider refused this request for good (invalid number, invalid amount, closed account). */
  REFUSED: 'refused',
  /** A refund larger than what is left of the payment. */
  EXCEEDS_PAYMENT: 'exceeds_payment',
  /** Our credentials were refused (401/403): an operator must fix the configuration. */
  AUTH: 'auth',
  /** Too many requests: retry after a while (`retryAfterMs` when the provider said). */
  RATE_LIMITED: 'rate_limited',
  /** The provider is down or timed out: retry. */
  TRANSIENT: 'transient',
} as const;
export type ProviderFailureKind = (typeof ProviderFailureKind)[keyof typeof ProviderFailureKind];

export interface ProviderFailureOptions {
  provider: string;
  /** The vendor's own code (Stripe's `code`, Twilio's error number, an HTTP status), for operators. */
  code?: string | number;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ProviderFailure extends Error {
  override readonly name = 'ProviderFailure';
  readonly provider: string;
  readonly code: string | number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    options: ProviderFailureOptions,
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.provider = options.provider;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether a later attempt may succeed. */
  get retryable(): boolean {
    return this.kind === ProviderFailureKind.RATE_LIMITED || this.kind === ProviderFailureKind.TRANSIENT;
  }
}

export function isProviderFailure(error: unknown, kind?: ProviderFailureKind): error is ProviderFailure {
  return error instanceof ProviderFailure && (kind === undefined || error.kind === kind);
}
