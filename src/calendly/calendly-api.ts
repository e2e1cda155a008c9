import { ProviderFailure, ProviderFailureKind } from '../providers/provider-failure';
import { scheduledEventUuid } from './calendly-webhook-event';

const PROVIDER = 'calendly';

export interface CalendlyApiOptions {
  /** CALENDLY_API_URL, `https://api.calendly.com` unless a test or a proxy says otherwise. */
  baseUrl: string;
  /** CALENDLY_API_TOKEN: a personal access token (or OAuth token) with `scheduled_events:write`. */
  token: string | undefined;
  fetch?: typeof fetch;
}

/** The one Calendly call the product makes: cancelling an event it refused, with the reason Calendly shows the invitee. */
export class CalendlyApi {
  constructor(private readonly options: CalendlyApiOptions) {}

  async cancelEvent(scheduledEventUri: string, reason: string): Promise<void> {
    if (!this.options.token) throw new ProviderFailure(ProviderFailureKind.AUTH, 'CALENDLY_API_TOKEN is not set: cannot cancel Calendly events', { provider: PROVIDER });
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/scheduled_events/${encodeURIComponent(scheduledEventUuid(scheduledEventUri))}/cancellation`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new ProviderFailure(ProviderFailureKind.TRANSIENT, `Calendly unreachable: ${error instanceof Error ? error.message : String(error)}`, { provider: PROVIDER, cause: error });
    }
    if (response.status === 201 || response.ok) return;
    const body = (await response.json().catch(() => ({}))) as { title?: string; message?: string };
    const said = `${body.title ?? response.status}${body.message ? `: ${body.message}` : ''}`;
    // Already cancelled (by the invitee, the host, or an earlier attempt) or gone: what we wanted.
    if (response.status === 404 || (response.status === 403 && /cancel/i.test(said))) return;
    const message = `Calendly refused to cancel ${scheduledEventUri} (${said})`;
    if (response.status === 401 || response.status === 403) throw new ProviderFailure(ProviderFailureKind.AUTH, message, { provider: PROVIDER, code: response.status });
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after'));
      throw new ProviderFailure(ProviderFailureKind.RATE_LIMITED, message, { provider: PROVIDER, code: 429, ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}) });
    }
    if (response.status >= 500) throw new ProviderFailure(ProviderFailureKind.TRANSIENT, message, { provider: PROVIDER, code: response.status });
    throw new ProviderFailure(ProviderFailureKind.REFUSED, message, { provider: PROVIDER, code: response.status });
  }
}
