import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/**
 * The twilio package's own HTTP client, sending what it would send to api.twilio.com to another base
 * URL instead (TWILIO_API_URL: a proxy, or a local server in tests). A custom `httpClient` is the
 * package's documented extension point; everything else (auth, form encoding, errors) stays its own.
 */
export class TwilioBaseUrlClient extends twilio.RequestClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string, options: ConstructorParameters<typeof twilio.RequestClient>[0] = {}) {
    super(options);
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  override request<TData>(opts: RequestOptions<TData>): Promise<Response<TData>> {
    const uri = opts.uri.startsWith(TWILIO_API_ORIGIN) ? `${this.baseUrl}${opts.uri.slice(TWILIO_API_ORIGIN.length)}` : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}
