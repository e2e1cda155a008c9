import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendlySmsNumber } from '../../src/calendly/calendly-phone';

describe('the SMS number Calendly hands over', () => {
  it('is normalised to E.164 when written with spaces, dashes or brackets', () => {
    assert.equal(calendlySmsNumber('+1 505-398-1234'), '+15053981234', 'a US number, written as people type it');
    assert.equal(calendlySmsNumber('+1 (212) 555-0123'), '+12125550123');
    assert.equal(calendlySmsNumber('+49 151 1234 5678'), '+4915112345678');
    assert.equal(calendlySmsNumber(' +41 44 668 18 00 '), '+41446681800');
  });

  it('is dropped when it is not a valid international number, so the customer is emailed instead', () => {
    assert.equal(calendlySmsNumber('0151 1234 5678'), undefined, 'no country code');
    assert.equal(calendlySmsNumber('call me'), undefined);
    assert.equal(calendlySmsNumber(''), undefined);
    assert.equal(calendlySmsNumber(null), undefined);
    assert.equal(calendlySmsNumber(undefined), undefined);
  });
});
