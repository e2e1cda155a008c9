/**
 * Every place that registers the booking search attributes registers all of them, with the type the
 * contract gives: the dev server's flags and the compose file's one-shot job (a cluster started from
 * temporal-docker-compose.yml). ensureSearchAttributes reads the contract list itself.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cliSearchAttributeSpecs, cliSearchAttributeType } from '../../src/dev/search-attributes';
import { devServerArgs } from '../../src/dev/temporal-dev-server';
import { BOOKING_SEARCH_ATTRIBUTES } from '../../workflows/contract';

const ROOT = join(__dirname, '..', '..');

describe('registering the booking search attributes', () => {
  it('spells each type as the temporal CLI does', () => {
    assert.equal(cliSearchAttributeType('KEYWORD'), 'Keyword');
    assert.equal(cliSearchAttributeType('DATETIME'), 'Datetime');
    assert.equal(cliSearchAttributeType('KEYWORD_LIST'), 'KeywordList');
    assert.equal(cliSearchAttributeType('DOUBLE'), 'Double');
  });

  it('starts the dev server with every attribute of the contract, BookingAttention as a keyword list', () => {
    const args = devServerArgs({ port: 7233 });
    const registered = args.filter((_, i) => args[i - 1] === '--search-attribute');
    assert.deepEqual(registered, cliSearchAttributeSpecs());
    assert.equal(registered.length, BOOKING_SEARCH_ATTRIBUTES.length);
    assert.ok(registered.includes('BookingAttention=KeywordList'));
  });

  it('creates every attribute of the contract in the compose file’s setup job', async () => {
    const compose = await readFile(join(ROOT, 'temporal-docker-compose.yml'), 'utf8');
    const loop = /for attribute in ([^;]+); do/.exec(compose);
    assert.ok(loop, 'the setup job loops over the attributes');
    assert.deepEqual(loop[1]?.trim().split(/\s+/), cliSearchAttributeSpecs());
  });
});
