/** A tiny JSON HTTP client for tests: every answer with its status, headers and parsed body. */
export interface HttpAnswer<T = any> {
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

export async function http<T = any>(baseUrl: string, path: string, req: HttpRequest = {}): Promise<HttpAnswer<T>> {
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
