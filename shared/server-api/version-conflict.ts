// Two managers editing one record: each edit carries the version its editor opened, and the server
// refuses a stale one rather than silently overwriting the other manager's change. The sentence is the
// same for every kind of record; the form that sent it keeps everything typed.

export const VERSION_CONFLICT = 'VERSION_CONFLICT';

/** `expectedVersion` in an update body: the version of the record the editor opened. */
export const EXPECTED_VERSION_FIELD = 'expectedVersion';

export function versionConflictMessage(what: string, current: number): string {
  return `Someone else changed this ${what} since you opened it (it is now version ${current}). Your changes are still in the form: open the ${what} again to see theirs, then make your change again.`;
}
