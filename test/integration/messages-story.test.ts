/**
 * What the customer receives, over HTTP, with real channels: the product (worker + API) sends email
 * through nodemailer to a real SMTP server (`smtp-server`, in this process) and SMS through the
 * official `twilio` package to a local server answering Twilio's Messages API (Twilio has no local
 * emulator: test/support/servers/twilio-messages-api.ts), which also posts status callbacks signed
 * exactly as Twilio signs them.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { Attachment as MailAttachment } from 'mailparser';
import { smsFallbackWorkflowId } from '../../workflows/contract';
import { startTestApp, type TestApp } from '../support/app-harness';
import { uniqueSuffix } from '../support/fixtures';
import { bearer, bookAndPay, bookOk, eventually, offeredSlots } from '../support/booking-api';
import { http } from '../support/http';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/servers/smtp';
import { startFakeTwilio, type FakeTwilio } from '../support/servers/twilio-messages-api';

interface NotificationDto {
  kind: string;
  channel: string;
  to: string;
  status: string;
  provider: string;
  providerMessageId: string | null;
  attempts: number;
  failure: { kind: string; code: string | null; reason: string } | null;
  delivery: { status: string; code: string | null; detail: string | null } | null;
  fallbackFor: string | null;
}

interface Invite {
  method: string;
  uid: string;
  sequence: number;
  start: string;
  startZone: string | undefined;
  zone: string;
  organizer: string;
}

const isCalendar = (a: MailAttachment) => a.contentType.startsWith('text/calendar');

function inviteOf(mail: ReceivedMail): Invite {
  const part = mail.parsed.attachments.find(isCalendar) ?? mail.parsed.attachments.find((a) => a.contentType === 'application/ics');
  assert.ok(part, `an invite in "${mail.parsed.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  assert.ok(event);
  const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: start.toJSDate().toISOString(),
    startZone: start.zone?.tzid,
    zone: String(calendar.getFirstPropertyValue('x-wr-timezone')),
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
  };
}

/** The manage link as the text part carries it. */
function manageLinkIn(text: string | undefined): string {
  const match = /(http:\/\/127\.0\.0\.1:\d+\/manage\/\S+)/.exec(text ?? '');
  assert.ok(match, `a manage link in: ${text}`);
  return match[1]!;
}

/** A German mobile number of its own per story, so each finds its SMS. */
const phone = () => `+4915112345${String(randomInt(0, 1000)).padStart(3, '0')}`;

describe('what the customer receives, by email and SMS', () => {
  let smtp: TestSmtpServer;
  let twilio: FakeTwilio;
  let app: TestApp;
  let serviceId: string;
  let resourceId: string;
  /** Every RCPT TO the SMTP server saw, by address: how often a message was tried. */
  const rcptAttempts = new Map<string, number>();

  before(async () => {
    smtp = await startTestSmtpServer({
      // `refused-…` is a mailbox that does not exist (for good); `busy-…` says "try later" to its first attempt.
      recipientReply: (address) => {
        const attempt = (rcptAttempts.get(address) ?? 0) + 1;
        rcptAttempts.set(address, attempt);
        if (address.startsWith('refused-')) return { code: 550, message: '5.1.1 No such user here' };
        if (address.startsWith('busy-') && attempt === 1) return { code: 451, message: '4.3.0 Mailbox busy, try again later' };
        return null;
      },
    });
    twilio = await startFakeTwilio();
    app = await startTestApp({
      env: {
        EMAIL_PROVIDER: 'smtp',
        SMTP_URL: smtp.url,
        EMAIL_FROM: '"Acme Bookings" <bookings@acme.example>',
        SMS_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_FROM: '+15005550006',
        TWILIO_API_URL: twilio.url,
      },
    });
    const { service, resource } = await app.createServiceAndResource();
    serviceId = service.id;
    resourceId = resource.id;
  });
  after(async () => {
    await app?.stop();
    await twilio?.close();
    await smtp?.close();
  });

  const customer = (tel: string | null = phone(), mailbox = 'ada') => ({ name: 'Ada Lovelace', email: `${mailbox}-${uniqueSuffix()}@example.com`, ...(tel ? { phone: tel } : {}) });
  const request = (start: string, who: ReturnType<typeof customer>) => ({ serviceId, resourceId, start, customer: who });
  const notifications = async (id: string): Promise<NotificationDto[]> => {
    const res = await http(app.baseUrl, `/v1/admin/bookings/${id}/notifications`, { headers: { 'x-api-key': app.adminKey } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.notifications as unknown as NotificationDto[];
  };
  const smsTo = (to: string) => eventually(`an SMS to ${to}`, async () => twilio.messages.find((m) => m.to === to));

  it('confirms a paid booking with an email (text, HTML, calendar invite, manage link) and an SMS', async () => {
    const who = customer();
    const [slot] = await offeredSlots(app, serviceId, resourceId);
    const { id, token } = await bookAndPay(app, request(slot!.start, who));

    const [mail] = await smtp.waitForMail(who.email);
    const parsed = mail!.parsed;
    assert.match(parsed.subject ?? '', /^Confirmed: Consultation on .+ \(Europe\/Berlin\)$/);
    assert.match(parsed.text ?? '', /Your Consultation with Alex is confirmed for .+ \(Europe\/Berlin\)\./);
    assert.ok(typeof parsed.html === 'string' && parsed.html.includes('is confirmed for'));
    assert.equal(parsed.from?.value[0]?.address, 'bookings@acme.example');

    const invite = inviteOf(mail!);
    assert.deepEqual(
      { method: invite.method, uid: invite.uid, sequence: invite.sequence, start: invite.start, startZone: invite.startZone, zone: invite.zone },
      { method: 'REQUEST', uid: `${id}@booking-saga-engine`, sequence: 0, start: new Date(slot!.start).toISOString(), startZone: 'UTC', zone: 'Europe/Berlin' },
    );
    assert.equal(invite.organizer, 'mailto:bookings@acme.example');

    // The manage link opens the booking without the API answer's token: as JSON, and as a page.
    const link = manageLinkIn(parsed.text);
    assert.ok(link.includes(encodeURIComponent(token)));
    assert.ok(parsed.html.includes(link.replace(/&/g, '&amp;')));
    const path = link.replace(app.baseUrl, '');
    const asJson = await http(app.baseUrl, path);
    assert.equal(asJson.status, 200, JSON.stringify(asJson.body));
    assert.equal(asJson.body.booking.id, id);
    assert.equal(asJson.body.booking.status, 'CONFIRMED');
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Consultation with Alex[\s\S]*Cancel booking/);
    assert.equal((await http(app.baseUrl, `/manage/${id}?token=${encodeURIComponent(`${token}x`)}`)).status, 404);

    const sms = await smsTo(who.phone!);
    assert.match(sms.body, /^Your Consultation with Alex is confirmed for .+ \(Europe\/Berlin\)\. Manage: http:\/\/127\.0\.0\.1:\d+\/manage\//);
    assert.equal(sms.from, '+15005550006');

    const rows = await notifications(id);
    const email = rows.find((n) => n.kind === 'confirmation' && n.channel === 'email');
    const text = rows.find((n) => n.kind === 'confirmation' && n.channel === 'sms');
    assert.deepEqual([email?.status, email?.provider, email?.delivery?.status], ['sent', 'smtp', 'accepted']);
    assert.deepEqual([text?.status, text?.provider, text?.providerMessageId, text?.delivery?.status], ['sent', 'twilio', sms.sid, 'queued']);
  });

  it('records Twilio’s status callbacks on the SMS, in order, once each, and only when Twilio signed them', async () => {
    const who = customer();
    const [, slot] = await offeredSlots(app, serviceId, resourceId);
    const { id } = await bookAndPay(app, request(slot!.start, who));
    const sms = await smsTo(who.phone!);
    const status = async () => (await notifications(id)).find((n) => n.channel === 'sms')?.delivery?.status;

    assert.equal((await twilio.sendStatus(sms.sid, 'sent', { signWith: 'not-the-auth-token' })).status, 401);
    assert.equal(await status(), 'queued');

    for (const step of ['sent', 'delivered']) assert.equal((await twilio.sendStatus(sms.sid, step)).status, 200);
    assert.equal(await status(), 'delivered');
    // A late `sent` does not step back, and a repeat is acknowledged as one.
    assert.equal((await twilio.sendStatus(sms.sid, 'sending')).status, 200);
    const repeat = await twilio.sendStatus(sms.sid, 'delivered');
    assert.deepEqual(await repeat.json(), { received: true, duplicate: true });
    assert.equal(await status(), 'delivered');
  });

  it('emails the customer, once, a text message that ends undelivered', async () => {
    const who = customer();
    const [, , slot] = await offeredSlots(app, serviceId, resourceId);
    const { id } = await bookAndPay(app, request(slot!.start, who));
    const sms = await smsTo(who.phone!);
    await smtp.waitForMail(who.email);

    for (const step of ['sent', 'undelivered']) assert.equal((await twilio.sendStatus(sms.sid, step, step === 'undelivered' ? { errorCode: '30003' } : {})).status, 200);
    // Twilio repeats itself, and may also report the end as `failed`: still one fallback.
    await twilio.sendStatus(sms.sid, 'undelivered', { errorCode: '30003' });
    assert.equal((await twilio.sendStatus(sms.sid, 'failed', { errorCode: '30003' })).status, 200);
    const row = await app.db.selectFrom('notifications').select('id').where('provider_message_id', '=', sms.sid).executeTakeFirstOrThrow();
    await app.client.workflow.getHandle(smsFallbackWorkflowId(row.id)).result();

    const fallbacks = smtp.mailTo(who.email).filter((m) => /text message did not reach you/.test(m.parsed.subject ?? ''));
    assert.equal(fallbacks.length, 1);
    const text = fallbacks[0]!.parsed.text ?? '';
    assert.match(text, new RegExp(`could not deliver our text message to \\${who.phone} \\(Unreachable destination handset\\)`));
    assert.match(text, /Your Consultation with Alex is confirmed/);
    manageLinkIn(text);

    const rows = await notifications(id);
    const smsRow = rows.find((n) => n.channel === 'sms' && n.kind === 'confirmation');
    assert.deepEqual([smsRow?.delivery?.status, smsRow?.delivery?.code, smsRow?.delivery?.detail], ['undelivered', '30003', 'Unreachable destination handset']);
    assert.deepEqual(
      rows.filter((n) => n.fallbackFor).map((n) => [n.kind, n.channel, n.status, n.fallbackFor]),
      [['confirmation:sms-fallback', 'email', 'sent', 'confirmation']],
    );
  });

  it('fails an SMS Twilio refuses for good without retrying, shows operators why, and emails it instead', async () => {
    const who = customer('+15005550001');
    const [, , , slot] = await offeredSlots(app, serviceId, resourceId);
    const before = twilio.messages.length;
    const { id } = await bookAndPay(app, request(slot!.start, who));
    const mails = await smtp.waitForMail(who.email, 2);
    assert.deepEqual(mails.map((m) => /^Confirmed:/.test(m.parsed.subject ?? '') || /did not reach you/.test(m.parsed.subject ?? '')), [true, true]);
    assert.match(mails.find((m) => /did not reach you/.test(m.parsed.subject ?? ''))!.parsed.text ?? '', /\(Invalid 'To' phone number\)/);

    const rows = await eventually('the SMS failure recorded', async () => {
      const all = await notifications(id);
      return all.some((n) => n.channel === 'sms' && n.status === 'failed') ? all : null;
    });
    const smsRow = rows.find((n) => n.channel === 'sms' && n.kind === 'confirmation');
    assert.equal(smsRow?.failure?.kind, 'refused');
    assert.equal(smsRow?.failure?.code, '21211');
    assert.match(smsRow?.failure?.reason ?? '', /is not a valid phone number/);
    assert.equal(twilio.messages.length, before, 'Twilio created no message');
    assert.deepEqual(twilio.requests.filter((r) => r.to === who.phone).map((r) => r.status), [400], 'asked Twilio once, never again');
    assert.equal(smsRow?.attempts, 1);
  });

  it('tries an SMS again when Twilio answers 429, and sends it once', async () => {
    const who = customer();
    const slots = await offeredSlots(app, serviceId, resourceId);
    twilio.failNext({ status: 429, code: 20429, message: 'Too Many Requests' }, { to: who.phone! });
    const { id } = await bookAndPay(app, request(slots[12]!.start, who));
    await smsTo(who.phone!);
    const smsRow = await eventually('the SMS recorded as sent', async () => (await notifications(id)).find((n) => n.channel === 'sms' && n.status === 'sent'));
    assert.deepEqual(twilio.requests.filter((r) => r.to === who.phone).map((r) => r.status), [429, 201]);
    assert.equal(twilio.messages.filter((m) => m.to === who.phone).length, 1);
    assert.equal(smsRow.attempts, 2);
    // The email had gone out on the first attempt and was not sent again by the retry.
    assert.equal(smtp.mailTo(who.email).length, 1);
  });

  it('records an SMTP server’s rejection on the email’s row, and never tries that email again', async () => {
    const who = customer(null, 'refused');
    const slots = await offeredSlots(app, serviceId, resourceId);
    const { id } = await bookAndPay(app, request(slots[14]!.start, who));
    const email = await eventually('the email recorded as failed', async () => (await notifications(id)).find((n) => n.channel === 'email' && n.status === 'failed'));
    assert.deepEqual([email.failure?.kind, email.failure?.code, email.delivery?.status, email.delivery?.code], ['refused', '550', 'rejected', '550']);
    assert.match(email.failure?.reason ?? '', /No such user here/);
    assert.equal(email.attempts, 1);
    assert.equal(rcptAttempts.get(who.email), 1);
    assert.equal(smtp.mailTo(who.email).length, 0);
  });

  it('tries an email again when the SMTP server says "try later", and delivers it once', async () => {
    const who = customer(null, 'busy');
    const slots = await offeredSlots(app, serviceId, resourceId);
    const { id } = await bookAndPay(app, request(slots[16]!.start, who));
    const [mail] = await smtp.waitForMail(who.email);
    assert.match(mail!.parsed.subject ?? '', /^Confirmed:/);
    const email = await eventually('the email recorded as sent', async () => (await notifications(id)).find((n) => n.channel === 'email' && n.status === 'sent'));
    assert.deepEqual([email.attempts, email.delivery?.status, rcptAttempts.get(who.email)], [2, 'accepted', 2]);
    assert.equal(smtp.mailTo(who.email).length, 1);
  });

  it('refuses a booking whose phone number is not E.164, naming the field', async () => {
    const [slot] = await offeredSlots(app, serviceId, resourceId);
    // Not E.164 at all, and E.164 in form but no country's number (there is no country code 999).
    for (const bad of ['0151 1234567', '+999123456789']) {
      const res = await http(app.baseUrl, '/v1/bookings', { body: request(slot!.start, { ...customer(null), phone: bad }) });
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual((res.body.error.details as { path: string }[]).map((d) => d.path), ['customer.phone'], bad);
    }
  });

  it('cancels, after two reschedules, with an invite that outranks every earlier one, and says what is refunded', async () => {
    const who = customer();
    const slots = await offeredSlots(app, serviceId, resourceId);
    const [first, second, third] = [slots[4]!, slots[6]!, slots[8]!];
    const { id, token } = await bookAndPay(app, request(first.start, who));
    for (const next of [second, third]) {
      const moved = await http(app.baseUrl, `/v1/bookings/${id}/reschedule`, { body: { start: next.start }, headers: bearer(token) });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
    }
    const cancelled = await http(app.baseUrl, `/v1/bookings/${id}/cancel`, { body: { reason: 'cannot make it' }, headers: bearer(token) });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));

    const mails = await smtp.waitForMail(who.email, 4);
    const subjects = mails.map((m) => (m.parsed.subject ?? '').split(':')[0]);
    assert.deepEqual(subjects, ['Confirmed', 'Moved', 'Moved', 'Cancelled']);
    const invites = mails.map(inviteOf);
    assert.deepEqual(
      invites.map((i) => [i.method, i.sequence, i.start]),
      [
        ['REQUEST', 0, new Date(first.start).toISOString()],
        ['REQUEST', 1, new Date(second.start).toISOString()],
        ['REQUEST', 2, new Date(third.start).toISOString()],
        ['CANCEL', 3, new Date(third.start).toISOString()],
      ],
    );
    assert.equal(new Set(invites.map((i) => i.uid)).size, 1);
    const cancellation = invites[3]!;
    assert.ok(invites.slice(0, 3).every((i) => cancellation.sequence > i.sequence));
    assert.match(mails[3]!.parsed.text ?? '', /We are refunding EUR 75\.00/);
    assert.match(mails[3]!.parsed.text ?? '', /Reason: cannot make it/);
    manageLinkIn(mails[3]!.parsed.text);
  });

  it('sends a booking made without a phone number by email only', async () => {
    const who = customer(null);
    const slots = await offeredSlots(app, serviceId, resourceId);
    const created = await bookOk(app, request(slots[10]!.start, who));
    assert.ok(created.checkoutUrl);
    await http(created.checkoutUrl, '/pay', { method: 'POST' });
    await smtp.waitForMail(who.email);
    const rows = await notifications(created.id);
    assert.deepEqual(rows.map((n) => n.channel), ['email']);
  });
});
