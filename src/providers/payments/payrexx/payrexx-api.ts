/**
 * Payrexx's REST API v1.0, the few calls we make: Gateway create / retrieve / delete, Transaction
 * retrieve and refund. Requests are authenticated with the `X-API-KEY` header (the instance's API
 * secret, as Payrexx's own SDK sends it), the instance named in the `instance` query parameter, bodies
 * form-encoded the way PHP's http_build_query writes them. Answers are `{status, data: [...]}`.
 * There is no official Node client, so this is the small one we need.
 */
import { ProviderFailure, ProviderFailureKind } from '../../provider-failure';
import { PAYREXX_PROVIDER_NAME } from './payrexx-names';
import type { GatewayCreate, PayrexxGateway, PayrexxTransaction } from './payrexx-types';

export const PAYREXX_API_URL = 'https://api.payrexx.com';
const API_VERSION = 'v1.0';

export interface PayrexxApiOptions {
  instance: string;
  apiSecret: string;
  baseUrl?: string;
  timeoutMs?: number;
}

type FormValue = string | number | boolean | FormFields;
interface FormFields {
  [key: string]: FormValue;
}

/** `a[b][c]=v` pairs, as PHP's http_build_query encodes nested arrays (what Payrexx parses). */
export function formEncode(fields: FormFields, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (typeof value === 'object') return formEncode(value, name);
    return [`${encodeURIComponent(name)}=${encodeURIComponent(typeof value === 'boolean' ? (value ? 1 : 0) : value)}`];
  });
}

function failureKind(status: number): ProviderFailureKind {
  if (status === 401 || status === 403) return ProviderFailureKind.AUTH;
  if (status === 404) return ProviderFailureKind.NOT_FOUND;
  if (status === 429) return ProviderFailureKind.RATE_LIMITED;
  if (status >= 500) return ProviderFailureKind.TRANSIENT;
  return ProviderFailureKind.REFUSED;
}

export class PayrexxApi {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: PayrexxApiOptions) {
    this.baseUrl = (options.baseUrl ?? PAYREXX_API_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  async createGateway(input: GatewayCreate): Promise<PayrexxGateway> {
    const [gateway] = await this.request<PayrexxGateway>('POST', 'Gateway', null, {
      amount: input.amount,
      currency: input.currency,
      purpose: input.purpose,
      referenceId: input.referenceId,
      fields: { email: { value: input.customerEmail } },
      successRedirectUrl: input.successRedirectUrl,
      failedRedirectUrl: input.failedRedirectUrl,
      cancelRedirectUrl: input.cancelRedirectUrl,
      validity: input.validity,
      skipResultPage: true,
    });
    if (!gateway) throw new ProviderFailure(ProviderFailureKind.TRANSIENT, 'Payrexx answered a gateway creation without a gateway.', { provider: PAYREXX_PROVIDER_NAME });
    return gateway;
  }

  /** Null when Payrexx does not know it (deleted, or never made). */
  async getGateway(id: string): Promise<PayrexxGateway | null> {
    return this.orNullWhenMissing(async () => (await this.request<PayrexxGateway>('GET', 'Gateway', id))[0] ?? null);
  }

  /** Deleting a gateway that is gone already is done. */
  async deleteGateway(id: string): Promise<void> {
    await this.orNullWhenMissing(() => this.request('DELETE', 'Gateway', id));
  }

  async getTransaction(id: string): Promise<PayrexxTransaction | null> {
    return this.orNullWhenMissing(async () => (await this.request<PayrexxTransaction>('GET', 'Transaction', id))[0] ?? null);
  }

  async refundTransaction(id: string, amountCents: number): Promise<PayrexxTransaction | null> {
    return (await this.request<PayrexxTransaction>('POST', 'Transaction', id, { amount: amountCents }, 'refund'))[0] ?? null;
  }

  private async orNullWhenMissing<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ProviderFailure && error.kind === ProviderFailureKind.NOT_FOUND) return null;
      throw error;
    }
  }

  private async request<T>(method: 'GET' | 'POST' | 'DELETE', model: string, id: string | null, body?: FormFields, action?: string): Promise<T[]> {
    const path = [API_VERSION, model, ...(id !== null ? [encodeURIComponent(id)] : []), ...(action ? [action] : [])].join('/');
    // As Payrexx's own SDK writes them: `/v1.0/Gateway/` and `/v1.0/Gateway/12/`, but `/v1.0/Transaction/12/refund`.
    const url = `${this.baseUrl}/${path}${action ? '' : '/'}?instance=${encodeURIComponent(this.options.instance)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          'x-api-key': this.options.apiSecret,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(body ? { body: formEncode(body).join('&') } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ProviderFailure(ProviderFailureKind.TRANSIENT, `Payrexx is unreachable: ${(error as Error).message}`, { provider: PAYREXX_PROVIDER_NAME, cause: error });
    }
    const text = await response.text();
    let json: { status?: string; message?: string; data?: unknown } = {};
    try {
      json = text ? (JSON.parse(text) as typeof json) : {};
    } catch {
      // A proxy's HTML error page: the status code says enough.
    }
    if (!response.ok || json.status === 'error') {
      const status = response.ok ? 400 : response.status;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ProviderFailure(failureKind(status), `Payrexx ${method} ${model}: ${json.message ?? `HTTP ${response.status}`}`, {
        provider: PAYREXX_PROVIDER_NAME,
        code: status,
        ...(status === 429 && Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      });
    }
    return Array.isArray(json.data) ? (json.data as T[]) : json.data ? [json.data as T] : [];
  }
}
