import twilio from 'twilio';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import { MessageOutcomeUnknown } from '../message-outcome-unknown';

const PROVIDER = 'twilio';
/** No connection was made: the request never reached Twilio, so a retry cannot send twice. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED']);

/**
 * What a failed Messages API call means for the notification. Twilio's answer decides it: 401/403
 * (20003) is our credentials, 429 (20429) and 5xx are "try later", and any other 4xx is final for this
 * message with Twilio's error code kept: 21211 invalid 'To' number, 21610 the recipient replied STOP,
 * 21614 not a mobile number, 21408 region not enabled, 21606 'From' not ours... Without an answer,
 * a request that never connected is safe to retry; one that broke or timed out after it was sent
 * may have created the message, so its outcome is unknown and it is never sent again.
 */
export function classifyTwilioFailure(error: unknown): ProviderFailure | MessageOutcomeUnknown {
  if (error instanceof twilio.RestException) {
    const code = error.code ?? error.status;
    const message = `Twilio ${error.status}${error.code ? ` (${error.code})` : ''}: ${error.message}`;
    const options = { provider: PROVIDER, code, cause: error };
    if (error.status === 401 || error.status === 403) return new ProviderFailure(ProviderFailureKind.AUTH, message, options);
    if (error.status === 429) return new ProviderFailure(ProviderFailureKind.RATE_LIMITED, message, options);
    if (error.status >= 500) return new ProviderFailure(ProviderFailureKind.TRANSIENT, message, options);
    return new ProviderFailure(ProviderFailureKind.REFUSED, message, options);
  }
  const networkCode = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof networkCode === 'string' && NOT_CONNECTED.has(networkCode)) {
    return new ProviderFailure(ProviderFailureKind.TRANSIENT, `Twilio unreachable: ${text}`, { provider: PROVIDER, code: networkCode, cause: error });
  }
  if (typeof networkCode === 'string') {
    return new MessageOutcomeUnknown(PROVIDER, `Twilio request broke after it was sent (${networkCode}): ${text}`, { cause: error });
  }
  return new ProviderFailure(ProviderFailureKind.TRANSIENT, `Twilio: ${text}`, { provider: PROVIDER, cause: error });
}
