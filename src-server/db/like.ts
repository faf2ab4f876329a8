/** A pattern matching `text` anywhere, with `%`, `_` and `\` in it matching themselves, not as wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
