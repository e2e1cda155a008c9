import type { BookingView } from '../../src/bookings/booking-view';

/**
 * Every field an API answer in these stories may carry. Declared present, because a story checks the
 * status first and then reads what that status promises; a wrong guess fails the assertion after it.
 */
export interface ApiBody {
  booking: BookingView;
  bookings: BookingView[];
  accessToken: string;
  checkoutUrl: string;
  error: { code: string; message: string; details?: unknown };
  notifications: { kind: string; channel: string; to: string; status: string; sentAt: string | null }[];
  slots: { start: string; end: string; resourceId: string }[];
  status: string;
  paymentId: string;
  declinedAttempts: number;
  webhookDelivered: boolean;
  received: boolean;
  duplicate?: boolean;
}

/** A tiny JSON HTTP client for tests: every answer with its status, headers and parsed body. */
export interface HttpAnswer<T = ApiBody> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpRequest {
  method?: string;
  body?: unknown;
  /** Sent as is (no JSON encoding), e.g. a webhook whose signature covers these exact bytes. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function http<T = ApiBody>(baseUrl: string, path: string, req: HttpRequest = {}): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined = req.rawBody;
  if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method: req.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('application/json') && text !== '') parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T };
}
