/** A pattern matching `text` anywhere, with `%`, `_` and `\` in it matching themselves, not as wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** A pattern matching text that starts with `text`, wildcards in it matching themselves. */
export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
