import { createSign } from 'node:crypto';
import { auth } from 'googleapis/build/src/apis/calendar';
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import type { ServiceAccountKey } from './google-service-account';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
const PROVIDER = 'google';

export interface TokenSourceOptions {
  key: ServiceAccountKey;
  /** Where the signed assertion is exchanged for an access token. */
  tokenUrl: string;
  /** The user to act as (domain-wide delegation), if any. */
  subject?: string | undefined;
  fetch?: typeof fetch;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The service account's signed JWT (RFC 7523) asking for calendar access, addressed to the token endpoint. */
export function signedAssertion(options: Pick<TokenSourceOptions, 'key' | 'tokenUrl' | 'subject'>, nowSeconds: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(options.key.private_key_id ? { kid: options.key.private_key_id } : {}) };
  const claims = {
    iss: options.key.client_email,
    scope: CALENDAR_SCOPE,
    aud: options.tokenUrl,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
    ...(options.subject ? { sub: options.subject } : {}),
  };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(options.key.private_key);
  return `${unsigned}.${base64url(signature)}`;
}

/**
 * An auth client for `googleapis` that gets its access tokens from the token endpoint we name. The
 * library's own service-account client (gtoken) always posts to Google's endpoint, whatever the key
 * file says, so GOOGLE_API_URL could not redirect the token call; this does the same JWT-bearer grant
 * Google documents for service accounts, against `tokenUrl`. The client caches the token until it expires.
 */
export type GoogleAuthClient = InstanceType<typeof auth.OAuth2>;

export function serviceAccountAuth(options: TokenSourceOptions): GoogleAuthClient {
  const doFetch = options.fetch ?? fetch;
  const client = new auth.OAuth2();
  client.refreshHandler = async () => {
    const now = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await doFetch(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signedAssertion(options, now) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ProviderFailure(ProviderFailureKind.TRANSIENT, `Google token endpoint unreachable: ${error instanceof Error ? error.message : String(error)}`, { provider: PROVIDER, cause: error });
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || !body.access_token) {
      const reason = `${body.error ?? response.status}${body.error_description ? `: ${body.error_description}` : ''}`;
      // 400 invalid_grant / 401 unauthorized_client: the key, the delegation or the user is wrong; no retry fixes it.
      const kind = response.status >= 500 ? ProviderFailureKind.TRANSIENT : response.status === 429 ? ProviderFailureKind.RATE_LIMITED : ProviderFailureKind.AUTH;
      throw new ProviderFailure(kind, `Google refused the service account's token request (${reason})`, { provider: PROVIDER, code: response.status });
    }
    return { access_token: body.access_token, expiry_date: (now + (body.expires_in ?? 3600)) * 1000 };
  };
  return client;
}
