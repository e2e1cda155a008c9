/**
 * How SMTP and Twilio failures become "retry", "refused for good", "our credentials" or "outcome
 * unknown": the shapes are the ones nodemailer and the twilio package really throw (nodemailer's
 * `code`/`responseCode`/`originalCode`/`timeoutType`, the package's RestException over Twilio's JSON
 * error body, axios' network error codes).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import twilio from 'twilio';
import { isMessageOutcomeUnknown } from '../../src/providers/messages/message-outcome-unknown';
import { classifySmtpFailure } from '../../src/providers/messages/smtp/smtp-failure';
import { classifyTwilioFailure } from '../../src/providers/messages/twilio/twilio-failure';
import { isProviderFailure, type ProviderFailureKind } from '../../src/providers/provider-failure';

function nodemailerError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'smtp error')), fields);
}

function twilioError(status: number, code?: number, message = 'error'): InstanceType<typeof twilio.RestException> {
  return new twilio.RestException({ statusCode: status, body: code ? { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } : '' } as never);
}

function kindOf(failure: unknown): ProviderFailureKind | 'outcome_unknown' {
  if (isMessageOutcomeUnknown(failure)) return 'outcome_unknown';
  assert.ok(isProviderFailure(failure));
  return failure.kind;
}

describe('an SMTP failure', () => {
  it('is retried when the server says "try later" (4xx)', () => {
    const failure = classifySmtpFailure(nodemailerError({ code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 Try again later', command: 'RCPT TO' }));
    assert.equal(kindOf(failure), 'transient');
  });

  it('is refused for good with the reply code when the server rejects the recipient (5xx)', () => {
    const failure = classifySmtpFailure(nodemailerError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' }));
    assert.equal(kindOf(failure), 'refused');
    assert.equal(isProviderFailure(failure) && failure.code, 550);
  });

  it('is an operator’s problem when our login is refused', () => {
    assert.equal(kindOf(classifySmtpFailure(nodemailerError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Bad credentials' }))), 'auth');
  });

  it('is retried when the server could not be reached at all', () => {
    assert.equal(kindOf(classifySmtpFailure(nodemailerError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }))), 'transient');
    assert.equal(kindOf(classifySmtpFailure(nodemailerError({ code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' }))), 'transient');
    assert.equal(kindOf(classifySmtpFailure(nodemailerError({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT', command: 'CONN' }))), 'transient');
  });

  it('has an unknown outcome when the connection broke mid-session, so it is never sent twice', () => {
    assert.equal(kindOf(classifySmtpFailure(nodemailerError({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT', command: 'CONN' }))), 'outcome_unknown');
    assert.equal(kindOf(classifySmtpFailure(nodemailerError({ code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' }))), 'outcome_unknown');
  });
});

describe('a Twilio Messages API failure', () => {
  it('is refused for good, Twilio’s code kept, for an invalid or unsubscribed number', () => {
    for (const code of [21211, 21610, 21614, 21408]) {
      const failure = classifyTwilioFailure(twilioError(400, code, `error ${code}`));
      assert.equal(kindOf(failure), 'refused', String(code));
      assert.equal(isProviderFailure(failure) && failure.code, code);
      assert.match((failure as Error).message, new RegExp(`Twilio 400 \\(${code}\\): error ${code}`));
    }
  });

  it('is retried with backoff when rate limited (429) or when Twilio fails (5xx)', () => {
    assert.equal(kindOf(classifyTwilioFailure(twilioError(429, 20429, 'Too Many Requests'))), 'rate_limited');
    assert.equal(kindOf(classifyTwilioFailure(twilioError(503))), 'transient');
    assert.equal(kindOf(classifyTwilioFailure(twilioError(500, 20500, 'Internal Server Error'))), 'transient');
  });

  it('is an operator’s problem when the credentials are refused', () => {
    assert.equal(kindOf(classifyTwilioFailure(twilioError(401, 20003, 'Authenticate'))), 'auth');
  });

  it('is retried when Twilio could not be reached, and has an unknown outcome when the request broke after it was sent', () => {
    assert.equal(kindOf(classifyTwilioFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))), 'transient');
    assert.equal(kindOf(classifyTwilioFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))), 'outcome_unknown');
    assert.equal(kindOf(classifyTwilioFailure(Object.assign(new Error('timeout of 15000ms exceeded'), { code: 'ECONNABORTED' }))), 'outcome_unknown');
  });
});
