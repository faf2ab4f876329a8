// Typed results at every boundary: a failure carries a machine reason and a sentence for staff
// that says what to do. Thrown errors are reserved for bugs.

export type Ok<T> = { ok: true; value: T };
export type Err<R extends string = string> = { ok: false; reason: R; message: string };
export type Result<T, R extends string = string> = Ok<T> | Err<R>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<R extends string>(reason: R, message: string): Err<R> {
  return { ok: false, reason, message };
}
