import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompensationStack, isHoldUndo, isStep } from '../../workflows/state/compensation-stack';
import { undoRetryDelayMs } from '../../workflows/state/undo-retry-schedule';

describe('compensation stack (as data)', () => {
  it('gives the undos back newest first', () => {
    const stack = new CompensationStack();
    stack.push({ step: 'hold', holdKey: 'b:hold:a1' });
    stack.push({ step: 'payment-session', sessionKey: 'b:payment' });
    stack.push({ step: 'calendar-event', eventKey: 'b:calendar' });

    assert.deepEqual([stack.pop()?.step, stack.pop()?.step, stack.pop()?.step, stack.pop()], ['calendar-event', 'payment-session', 'hold', undefined]);
    assert.equal(stack.size, 0);
  });

  it('forgets the newest matching undo whose step was superseded or already ran', () => {
    const stack = new CompensationStack([
      { step: 'hold', holdKey: 'b:hold:a1' },
      { step: 'payment-session', sessionKey: 'b:payment' },
      { step: 'hold', holdKey: 'b:hold:a2' },
    ]);
    assert.equal(stack.drop(isHoldUndo('b:hold:a1')), true);
    assert.equal(stack.drop(isHoldUndo('b:hold:a9')), false);
    assert.equal(stack.has(isStep('payment-session')), true);
    assert.deepEqual(stack.toArray(), [
      { step: 'payment-session', sessionKey: 'b:payment' },
      { step: 'hold', holdKey: 'b:hold:a2' },
    ]);
  });

  it('is plain data, so continue-as-new carries it and a new run rebuilds it', () => {
    const stack = new CompensationStack([{ step: 'hold', holdKey: 'b:hold:a1' }, { step: 'payment' }]);
    const rebuilt = new CompensationStack(JSON.parse(JSON.stringify(stack.toArray())));
    assert.deepEqual(rebuilt.toArray(), stack.toArray());
    rebuilt.pop();
    assert.equal(stack.size, 2, 'the copy is independent');
  });
});

describe('retrying a failing undo', () => {
  it('waits 5 seconds after the first failure, doubling, never more than 10 minutes, and never gives up', () => {
    assert.deepEqual([1, 2, 3, 4].map(undoRetryDelayMs), [5_000, 10_000, 20_000, 40_000]);
    assert.equal(undoRetryDelayMs(8), 600_000);
    assert.equal(undoRetryDelayMs(10_000), 600_000);
  });
});
