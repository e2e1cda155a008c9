import type { LocalPaymentSession } from './local-payment-sessions.repository';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of text on the page goes through this: descriptions and emails come from customers. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function formatMoney(amountCents: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amountCents / 100);
  } catch {
    return `${(amountCents / 100).toFixed(2)} ${currency}`;
  }
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
.card{border:1px solid #d9e2ec;border-radius:12px;padding:1.5rem}.amount{font-size:2rem;font-weight:600;margin:.5rem 0}
.muted{color:#627d98;font-size:.9rem}form{display:inline}button{font-size:1rem;padding:.6rem 1.2rem;border-radius:8px;border:0;cursor:pointer;margin-right:.5rem}
.pay{background:#2f855a;color:#fff}.decline{background:#e2e8f0}
</style></head><body><div class="card">${body}</div>
<p class="muted">Local payment provider: no real money moves. Completing here sends a signed webhook to the booking API, as a real provider would.</p>
</body></html>`;
}

/** The deadline as the customer needs it: how long is left (the page does not know their zone). */
function payWithin(expiresAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 60_000));
  const utc = expiresAt.toISOString().slice(11, 16);
  return `pay within ${minutes} minute${minutes === 1 ? '' : 's'} (by ${utc} UTC); the slot is held until then`;
}

export function checkoutPage(session: LocalPaymentSession, now: Date): string {
  const amount = formatMoney(session.amount_cents, session.currency);
  const id = encodeURIComponent(session.id);
  const head = `<h1>${escapeHtml(session.description)}</h1><div class="amount">${escapeHtml(amount)}</div>`;
  if (session.status === 'paid') return page('Paid', `${head}<p>This payment is complete.</p>`);
  if (session.status === 'expired' || session.expires_at.getTime() <= now.getTime()) {
    return page('Expired', `${head}<p>This checkout has expired; the booking is no longer held.</p>`);
  }
  return page(
    `Pay ${amount}`,
    `${head}
<p class="muted">For ${escapeHtml(session.customer_email)} · ${escapeHtml(payWithin(session.expires_at, now))}</p>
<form method="post" action="/local-checkout/${id}/pay"><button class="pay" type="submit">Pay ${escapeHtml(amount)}</button></form>
<form method="post" action="/local-checkout/${id}/decline"><button class="decline" type="submit">Decline</button></form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
