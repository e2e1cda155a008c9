/**
 * The SMTP sender (nodemailer) against a real SMTP server (`smtp-server`, in this process: see
 * test/support/servers/smtp.ts): what a mail client receives, and what the server's refusals mean.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { Attachment as MailAttachment } from 'mailparser';
import { buildInvite } from '../../src/notifications/ics';
import { renderMessage } from '../../src/notifications/render-message';
import { isProviderFailure } from '../../src/providers/provider-failure';
import { SmtpEmailSender } from '../../src/providers/messages/smtp/smtp-email-sender';
import { freePort } from '../support/test-env';
import { startTestSmtpServer, type TestSmtpServer } from '../support/servers/smtp';

const FROM = { address: 'bookings@acme.example', name: 'Acme Bookings' };
const MANAGE = 'http://127.0.0.1:3000/manage/bk_1?token=tok';

function confirmation(to: string) {
  const rendered = renderMessage('confirmation', 'email', {
    kind: 'confirmation',
    customer: { name: 'Ada Lovelace', email: to, phone: null },
    serviceName: 'Consultation',
    resourceName: 'Alex',
    timeZone: 'Europe/Berlin',
    start: '2026-12-07T08:00:00.000Z',
    end: '2026-12-07T08:30:00.000Z',
    manageUrl: MANAGE,
  });
  const content = buildInvite({
    bookingId: 'bk_1',
    method: 'REQUEST',
    sequence: 0,
    start: new Date('2026-12-07T08:00:00Z'),
    end: new Date('2026-12-07T08:30:00Z'),
    timeZone: 'Europe/Berlin',
    summary: 'Consultation with Alex',
    description: 'Monday, 7 December 2026, 09:00 (Europe/Berlin)',
    organizer: { email: FROM.address, name: FROM.name },
    attendee: { email: to, name: 'Ada Lovelace' },
    now: new Date(),
  });
  return {
    to,
    toName: 'Ada Lovelace',
    subject: rendered.subject,
    body: rendered.body,
    ...(rendered.html ? { html: rendered.html } : {}),
    attachments: [],
    calendar: { method: 'REQUEST' as const, content, filename: 'invite.ics' },
    idempotencyKey: `bk_1:confirmation:email:${to}`,
  };
}

const isCalendar = (a: MailAttachment) => a.contentType.startsWith('text/calendar') || a.contentType === 'application/ics';

describe('email over SMTP', () => {
  let server: TestSmtpServer;
  let sender: SmtpEmailSender;

  before(async () => {
    server = await startTestSmtpServer({
      credentials: { user: 'mailer', pass: 's3cret' },
      recipientReply: (address) => {
        if (address.startsWith('nobody@')) return { code: 550, message: '5.1.1 No such user' };
        if (address.startsWith('busy@')) return { code: 451, message: '4.3.0 Mailbox busy, try again later' };
        return null;
      },
    });
    sender = new SmtpEmailSender({ smtpUrl: server.url, from: FROM });
  });
  after(async () => {
    sender.close();
    await server.close();
  });

  it('delivers a text part, an HTML part and the calendar invite, from the configured sender', async () => {
    const receipt = await sender.send(confirmation('ada@example.com'));
    assert.equal(receipt.deliveryStatus, 'accepted');
    assert.match(receipt.detail ?? '', /^250 /);
    const [mail] = await server.waitForMail('ada@example.com');
    const parsed = mail!.parsed;
    assert.equal(parsed.from?.value[0]?.address, 'bookings@acme.example');
    assert.equal(parsed.from?.value[0]?.name, 'Acme Bookings');
    assert.match(parsed.subject ?? '', /^Confirmed: Consultation on Monday, 7 December 2026, 09:00 \(Europe\/Berlin\)$/);
    assert.match(parsed.text ?? '', /Your Consultation with Alex is confirmed/);
    assert.ok((parsed.text ?? '').includes(MANAGE));
    assert.ok(typeof parsed.html === 'string' && parsed.html.includes(`href="${MANAGE.replace(/&/g, '&amp;')}"`));
    assert.equal(parsed.messageId, receipt.providerMessageId);

    // The invite comes as a text/calendar part with its iTIP method, which calendar clients act on.
    const raw = mail!.raw;
    assert.match(raw, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const invite = parsed.attachments.find(isCalendar);
    assert.ok(invite, `attachments: ${parsed.attachments.map((a) => a.contentType).join(', ')}`);
    const calendar = new ICAL.Component(ICAL.parse(invite.content.toString('utf8')));
    assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('uid'), 'bk_1@booking-saga-engine');
  });

  it('sends every attempt of one message with the same Message-ID', async () => {
    const first = await sender.send(confirmation('grace@example.com'));
    const second = await sender.send(confirmation('grace@example.com'));
    assert.equal(first.providerMessageId, second.providerMessageId);
  });

  it('reports a recipient the server refuses for good as refused, with its reply code', async () => {
    await assert.rejects(sender.send(confirmation('nobody@example.com')), (error: unknown) => {
      assert.ok(isProviderFailure(error, 'refused'), String(error));
      assert.equal(error.code, 550);
      assert.match(error.message, /No such user/);
      return true;
    });
  });

  it('reports "try again later" as transient, to be retried', async () => {
    await assert.rejects(sender.send(confirmation('busy@example.com')), (error: unknown) => isProviderFailure(error, 'transient'));
  });

  it('reports a wrong password as an operator’s problem', async () => {
    const wrong = new SmtpEmailSender({ smtpUrl: server.url.replace('s3cret', 'wrong'), from: FROM });
    await assert.rejects(wrong.send(confirmation('ada@example.com')), (error: unknown) => isProviderFailure(error, 'auth'));
    wrong.close();
  });

  it('reports a server that is not there as transient: nothing was handed over', async () => {
    const nowhere = new SmtpEmailSender({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from: FROM });
    await assert.rejects(nowhere.send(confirmation('ada@example.com')), (error: unknown) => isProviderFailure(error, 'transient'));
    nowhere.close();
  });
});
