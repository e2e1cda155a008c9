import { BookingStatus } from '../../../workflows/contract';
import type { BookingRecord } from '../../bookings/bookings.repository';
import { escapeHtml } from '../../notifications/email-html';
import { formatAppointmentTime, formatMoney } from '../../notifications/message-facts';

export interface ManagePageFacts {
  booking: BookingRecord;
  serviceName: string;
  resourceName: string;
  timeZone: string;
}

/** What a customer may still do: move or cancel a confirmed booking, cancel (or pay) one that waits for payment. */
const CHANGEABLE: readonly string[] = [BookingStatus.CONFIRMED, BookingStatus.AWAITING_PAYMENT];

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
.card{border:1px solid #d9e2ec;border-radius:12px;padding:1.5rem}.muted{color:#627d98;font-size:.9rem}
button,a.button{font-size:1rem;padding:.6rem 1.2rem;border-radius:8px;border:0;cursor:pointer;margin:.25rem .5rem .25rem 0;display:inline-block;text-decoration:none}
.primary{background:#334e68;color:#fff}.danger{background:#e2e8f0;color:#9b2c2c}.slot{background:#e2e8f0}
#slots{margin-top:1rem}#message{margin-top:1rem;font-weight:600}
</style></head><body><div class="card">${body}</div>${script}</body></html>`;
}

/** A notice page: a booking not found (or not this link's), for instance. */
export function manageNoticePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/**
 * The customer's own page for one booking, opened from the link in every message: what is booked,
 * when (the resource's local time, zone named), and buttons that call the booking API with the
 * link's token (`Authorization: Bearer`) to cancel or move it to another free slot.
 */
export function manageBookingPage(facts: ManagePageFacts): string {
  const { booking } = facts;
  const when = formatAppointmentTime(booking.start, facts.timeZone);
  const changeable = CHANGEABLE.includes(booking.status);
  const payment = booking.payment;
  const lines = [
    `<h1>${escapeHtml(facts.serviceName)} with ${escapeHtml(facts.resourceName)}</h1>`,
    `<p><strong>${escapeHtml(when)}</strong></p>`,
    `<p>Status: <strong id="status">${escapeHtml(booking.status.replace(/_/g, ' ').toLowerCase())}</strong></p>`,
    `<p class="muted">Booked for ${escapeHtml(booking.customer.name)} · ${escapeHtml(formatMoney(payment.amountCents, payment.currency))}${
      payment.refundedCents > 0 ? ` · ${escapeHtml(formatMoney(payment.refundedCents, payment.currency))} refunded` : ''
    }</p>`,
  ];
  if (booking.status === BookingStatus.AWAITING_PAYMENT && booking.checkoutUrl) {
    lines.push(`<p><a class="button primary" href="${escapeHtml(booking.checkoutUrl)}">Pay now</a></p>`);
  }
  if (changeable) {
    lines.push(
      '<p>',
      booking.status === BookingStatus.CONFIRMED ? '<button class="primary" id="find">Find another time</button>' : '',
      '<button class="danger" id="cancel">Cancel booking</button></p>',
      '<div id="slots"></div><div id="message" role="status"></div>',
    );
  }
  const config = JSON.stringify({ id: booking.id, serviceId: booking.serviceId, resourceId: booking.resourceId, timeZone: facts.timeZone }).replace(/</g, '\\u003c');
  const script = changeable ? `<script>const BOOKING=${config};\n${PAGE_SCRIPT}</script>` : '';
  return page(`${facts.serviceName}: your booking`, lines.join('\n'), script);
}

/** Runs in the customer's browser: the token stays in this page's URL and goes out only to our own API. */
const PAGE_SCRIPT = `
const token = new URLSearchParams(location.search).get('token');
const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json', accept: 'application/json' };
const say = (text) => { document.getElementById('message').textContent = text; };
const local = new Intl.DateTimeFormat('en-GB', { timeZone: BOOKING.timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
async function call(path, body) {
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((answer.error && answer.error.message) || ('HTTP ' + res.status));
  return answer;
}
document.getElementById('cancel').addEventListener('click', async () => {
  if (!confirm('Cancel this booking?')) return;
  try { await call('/v1/bookings/' + encodeURIComponent(BOOKING.id) + '/cancel', { reason: 'cancelled by the customer' }); location.reload(); }
  catch (e) { say('Could not cancel: ' + e.message); }
});
const find = document.getElementById('find');
if (find) find.addEventListener('click', async () => {
  const from = new Date(); const to = new Date(Date.now() + 14 * 86400000);
  const query = new URLSearchParams({ serviceId: BOOKING.serviceId, resourceId: BOOKING.resourceId, from: from.toISOString(), to: to.toISOString() });
  const res = await fetch('/v1/availability?' + query, { headers: { accept: 'application/json' } });
  const { slots = [] } = await res.json().catch(() => ({}));
  const box = document.getElementById('slots'); box.textContent = '';
  if (slots.length === 0) { say('No free times in the next two weeks.'); return; }
  for (const slot of slots.slice(0, 40)) {
    const b = document.createElement('button'); b.className = 'slot'; b.textContent = local.format(new Date(slot.start));
    b.addEventListener('click', async () => {
      try { await call('/v1/bookings/' + encodeURIComponent(BOOKING.id) + '/reschedule', { start: slot.start }); location.reload(); }
      catch (e) { say('Could not move it: ' + e.message); }
    });
    box.appendChild(b);
  }
  say('Times in ' + BOOKING.timeZone + '. Pick one to move your booking.');
});
`;
