import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompensationStack, type UndoFailure } from '../../workflows/compensation-stack';

function recordingStack(options: ConstructorParameters<typeof CompensationStack>[0] = {}) {
  const ran: string[] = [];
  const stack = new CompensationStack(options);
  const undo = (name: string, fail = false) => async () => {
    ran.push(name);
    if (fail) throw new Error(`${name} failed`);
  };
  return { ran, stack, undo };
}

describe('compensation stack', () => {
  it('undoes the steps newest first', async () => {
    const { ran, stack, undo } = recordingStack();
    stack.push('release hold', undo('release hold'));
    stack.push('expire session', undo('expire session'));
    stack.push('delete calendar event', undo('delete calendar event'));

    assert.deepEqual(await stack.unwind(), []);
    assert.deepEqual(ran, ['delete calendar event', 'expire session', 'release hold']);
    assert.deepEqual(stack.names(), [], 'an unwound stack is empty');
  });

  it('keeps going past a failing undo and reports it', async () => {
    const reported: UndoFailure[] = [];
    const { ran, stack, undo } = recordingStack({ onUndoFailed: (failure) => reported.push(failure) });
    stack.push('release hold', undo('release hold'));
    stack.push('refund payment', undo('refund payment', true));
    stack.push('delete calendar event', undo('delete calendar event'));

    const failures = await stack.unwind();

    assert.deepEqual(ran, ['delete calendar event', 'refund payment', 'release hold']);
    assert.deepEqual(failures.map((f) => f.name), ['refund payment']);
    assert.equal((failures[0]?.error as Error).message, 'refund payment failed');
    assert.deepEqual(reported, failures);
  });

  it('forgets a dropped undo whose step was superseded', async () => {
    const { ran, stack, undo } = recordingStack();
    stack.push('release hold r0', undo('release hold r0'));
    stack.push('expire session', undo('expire session'));
    stack.push('release hold r1', undo('release hold r1'));

    assert.equal(stack.drop('release hold r0'), true);
    assert.equal(stack.drop('no such undo'), false);
    assert.equal(stack.has('release hold r0'), false);
    await stack.unwind();
    assert.deepEqual(ran, ['release hold r1', 'expire session']);
  });

  it('runs the whole unwind inside the protection it is given (the non-cancellable scope)', async () => {
    const events: string[] = [];
    const { stack } = recordingStack({
      protect: async (fn) => {
        events.push('enter');
        const result = await fn();
        events.push('leave');
        return result;
      },
    });
    stack.push('a', async () => void events.push('undo a'));
    stack.push('b', async () => void events.push('undo b'));

    await stack.unwind();
    assert.deepEqual(events, ['enter', 'undo b', 'undo a', 'leave']);
  });

  it('does nothing on an empty stack', async () => {
    const { ran, stack } = recordingStack();
    assert.deepEqual(await stack.unwind(), []);
    assert.deepEqual(ran, []);
  });
});
