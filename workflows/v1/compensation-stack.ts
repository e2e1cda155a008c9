/**
 * An explicit saga stack. Push an undo BEFORE its forward call (so a step that half-happened is
 * still undone; each undo is idempotent and safe when there is nothing to undo); unwind runs them in
 * reverse and keeps going past a failing undo. No workflow APIs here: the workflow injects how to
 * shield the unwind from cancellation and how to log (see workflow-compensation-stack.ts).
 */
export type Undo = () => Promise<void>;

export interface UndoFailure {
  name: string;
  error: unknown;
}

export interface CompensationStackOptions {
  /** Runs the whole unwind; the workflow passes `CancellationScope.nonCancellable`. */
  protect?: <T>(fn: () => Promise<T>) => Promise<T>;
  onUndoFailed?: (failure: UndoFailure) => void;
}

export class CompensationStack {
  private readonly entries: Array<{ name: string; undo: Undo }> = [];
  private readonly protect: <T>(fn: () => Promise<T>) => Promise<T>;
  private readonly onUndoFailed: (failure: UndoFailure) => void;

  constructor(options: CompensationStackOptions = {}) {
    this.protect = options.protect ?? ((fn) => fn());
    this.onUndoFailed = options.onUndoFailed ?? (() => undefined);
  }

  push(name: string, undo: Undo): void {
    this.entries.push({ name, undo });
  }

  /** Forget an undo whose forward step was superseded (e.g. the old hold of a rescheduled booking). */
  drop(name: string): boolean {
    for (let index = this.entries.length - 1; index >= 0; index--) {
      if (this.entries[index]!.name === name) {
        this.entries.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  has(name: string): boolean {
    return this.entries.some((entry) => entry.name === name);
  }

  names(): string[] {
    return this.entries.map((entry) => entry.name);
  }

  /** Runs every undo, newest first, and empties the stack. Returns the undos that failed. */
  unwind(): Promise<UndoFailure[]> {
    return this.protect(async () => {
      const failures: UndoFailure[] = [];
      while (this.entries.length > 0) {
        const entry = this.entries.pop()!;
        try {
          await entry.undo();
        } catch (error) {
          const failure = { name: entry.name, error };
          failures.push(failure);
          this.onUndoFailed(failure);
        }
      }
      return failures;
    });
  }
}
