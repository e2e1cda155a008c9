import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import { MessageOutcomeUnknown } from '../message-outcome-unknown';

/** The fields nodemailer puts on its errors (see nodemailer's smtp-connection `_formatError`). */
interface NodemailerError {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  timeoutType?: string;
}

const PROVIDER = 'smtp';
const AUTH_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2']);
/** Reply codes that mean our credentials: 530 authentication required, 534 mechanism too weak, 535 rejected. */
const AUTH_REPLIES = new Set([530, 534, 535]);
/** Failures before the session could carry a message: nothing was handed over. */
const BEFORE_SESSION_CODES = new Set(['EDNS', 'ETLS', 'EPROXY', 'ECONFIG', 'EREQUIRETLS']);
const BEFORE_SESSION_SOCKET_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const BEFORE_SESSION_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
/** Refusals of the message itself, found before anything was sent (a malformed address, a message too large). */
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * What a failed SMTP send means for the notification. A server's reply decides it: 4xx is "try later"
 * (retried), 5xx is final (the recipient or message is refused, or our login is). Without a reply,
 * it matters when the connection broke: before the session (refused, DNS, TLS, connect or greeting
 * timeout) nothing was handed over and a retry is safe; later, the server may already have taken
 * the message, so the outcome is unknown and it is never sent again.
 */
export function classifySmtpFailure(error: unknown): ProviderFailure | MessageOutcomeUnknown {
  const err = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const message = `SMTP: ${err.message ?? String(error)}`;
  const reply = err.responseCode;
  const options = (code: string | number | undefined) => ({ provider: PROVIDER, cause: error, ...(code !== undefined ? { code } : {}) });
  if ((err.code && AUTH_CODES.has(err.code)) || (reply && AUTH_REPLIES.has(reply))) {
    return new ProviderFailure(ProviderFailureKind.AUTH, message, options(reply ?? err.code));
  }
  if (reply && reply >= 400 && reply < 500) return new ProviderFailure(ProviderFailureKind.TRANSIENT, message, options(reply));
  if (reply && reply >= 500) return new ProviderFailure(ProviderFailureKind.REFUSED, message, options(reply));
  if (err.code && MESSAGE_CODES.has(err.code)) return new ProviderFailure(ProviderFailureKind.REFUSED, message, options(err.code));
  const beforeSession =
    (err.code !== undefined && BEFORE_SESSION_CODES.has(err.code)) ||
    (err.originalCode !== undefined && BEFORE_SESSION_SOCKET_CODES.has(err.originalCode)) ||
    (err.timeoutType !== undefined && BEFORE_SESSION_TIMEOUTS.has(err.timeoutType));
  if (beforeSession) return new ProviderFailure(ProviderFailureKind.TRANSIENT, message, options(err.originalCode ?? err.code));
  if (err.code === 'ECONNECTION' || err.code === 'ETIMEDOUT' || err.code === 'ESOCKET') {
    return new MessageOutcomeUnknown(PROVIDER, `${message} (the connection broke mid-session; the message may have been taken)`, { cause: error });
  }
  return new ProviderFailure(ProviderFailureKind.TRANSIENT, message, options(err.code));
}
