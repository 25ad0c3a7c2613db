// Main process. Behaviour declared where a handler is defined (the model is Actual Budget's
// `app.method('…', mutator(undoable(fn)))`) instead of side lists that must be kept in step with the contract:
// `writes(fn)` puts the handler behind the import write gate (app-core), `secretInput(fn)` tells the host's
// logger the secret in its input before the handler runs (hosts/invoke.ts).

export interface Behaviour {
  /** Writes to the database on the main thread: waits while an import worker holds the write lock. */
  readonly writes: boolean;
  /** Takes a secret the clerk typed in `input.value`: the logger must scrub it from every later line. */
  readonly secretInput: boolean;
}

const NONE: Behaviour = { writes: false, secretInput: false };
// Keyed by the handler function itself, so a table stays a plain object of functions (the contract's HandlerTable).
const declared = new WeakMap<object, Behaviour>();

export function behaviourOf(handler: unknown): Behaviour {
  return typeof handler === 'function' ? (declared.get(handler) ?? NONE) : NONE;
}

/** Gives `target` the behaviour declared on `source` (for wrappers such as the write gate's). */
export function withBehaviourOf<F extends object>(target: F, source: unknown): F {
  declared.set(target, behaviourOf(source));
  return target;
}

function declare<F extends object>(fn: F, patch: Partial<Behaviour>): F {
  declared.set(fn, { ...behaviourOf(fn), ...patch });
  return fn;
}

/** The handler writes to the database on this thread (see electron/services/write-gate.ts). */
export function writes<F extends (...args: never[]) => Promise<unknown>>(fn: F): F {
  return declare(fn, { writes: true });
}

/** The handler's input carries a secret in `value`; it never reaches a log line. */
export function secretInput<I extends { readonly value: string }, C, R>(fn: (input: I, ctx: C) => Promise<R>): (input: I, ctx: C) => Promise<R> {
  return declare(fn, { secretInput: true });
}
