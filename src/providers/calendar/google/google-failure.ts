import { ProviderFailure, ProviderFailureKind, isProviderFailure } from '../../provider-failure';

const PROVIDER = 'google';
/** Google answers some rate limits with 403 and one of these reasons, not with 429. */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

interface GoogleErrorShape {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: Headers | Record<string, string>; data?: { error?: { message?: string; errors?: { reason?: string }[] } } };
}

export function googleStatus(error: unknown): number | undefined {
  const e = error as GoogleErrorShape | null;
  return e?.response?.status ?? (typeof e?.status === 'number' ? e.status : undefined);
}

function retryAfterMs(headers: Headers | Record<string, string> | undefined): number | undefined {
  // gaxios hands a fetch Headers (of whichever fetch it runs on) or a plain object.
  const raw = typeof (headers as Headers | undefined)?.get === 'function' ? (headers as Headers).get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = raw === undefined || raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Google's error as a ProviderFailure: 401/403 are our credentials or sharing (an operator must act),
 * 429 and the rate-limit reasons wait and retry, 404/410 are a missing event, other 4xx are refused,
 * anything else (5xx, the network) is transient.
 */
export function googleFailure(error: unknown, action: string): ProviderFailure {
  if (isProviderFailure(error)) return error;
  const e = (error ?? {}) as GoogleErrorShape;
  const status = googleStatus(error);
  const detail = e.response?.data?.error;
  const reason = detail?.errors?.[0]?.reason;
  const message = `Google Calendar ${action} failed: ${detail?.message ?? e.message ?? String(error)}${reason ? ` (${reason})` : ''}`;
  const options = { provider: PROVIDER, code: reason ?? status ?? (typeof e.code === 'string' ? e.code : undefined), cause: error };
  if (status === 429 || (reason !== undefined && RATE_LIMIT_REASONS.has(reason))) {
    const wait = retryAfterMs(e.response?.headers);
    return new ProviderFailure(ProviderFailureKind.RATE_LIMITED, message, { ...options, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
  }
  if (status === 401 || status === 403) return new ProviderFailure(ProviderFailureKind.AUTH, message, options);
  if (status === 404 || status === 410) return new ProviderFailure(ProviderFailureKind.NOT_FOUND, message, options);
  if (status !== undefined && status >= 400 && status < 500) return new ProviderFailure(ProviderFailureKind.REFUSED, message, options);
  return new ProviderFailure(ProviderFailureKind.TRANSIENT, message, options);
}
