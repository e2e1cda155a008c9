import type { Undo } from '../contract/booking-types';

/**
 * The saga's compensation stack, as data: each entry names a step's undo and what it needs, so the
 * stack survives continue-as-new. Push an undo BEFORE its forward call (a step that half-happened is
 * still undone; every undo is safe when there is nothing to undo); unwinding pops newest first.
 * Pure: the workflow runs the undos (runtime/compensations.ts).
 */
export class CompensationStack {
  private readonly entries: Undo[];

  constructor(entries: readonly Undo[] = []) {
    this.entries = [...entries];
  }

  push(undo: Undo): void {
    this.entries.push(undo);
  }

  pop(): Undo | undefined {
    return this.entries.pop();
  }

  /** Forget the newest undo that matches (its forward step was superseded, or it already ran). */
  drop(matches: (undo: Undo) => boolean): boolean {
    for (let index = this.entries.length - 1; index >= 0; index--) {
      if (matches(this.entries[index]!)) {
        this.entries.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  has(matches: (undo: Undo) => boolean): boolean {
    return this.entries.some(matches);
  }

  get size(): number {
    return this.entries.length;
  }

  toArray(): Undo[] {
    return [...this.entries];
  }
}

export const isHoldUndo = (holdKey: string) => (undo: Undo): boolean => undo.step === 'hold' && undo.holdKey === holdKey;
export const isStep = (step: Undo['step']) => (undo: Undo): boolean => undo.step === step;
