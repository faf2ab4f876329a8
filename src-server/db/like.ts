/** `text` with `%`, `_` and `\` in it matching themselves in a LIKE pattern, not as wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** A pattern matching `text` anywhere, with `%`, `_` and `\` in it matching themselves, not as wildcards. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A pattern matching what starts with `text` (wildcards in it taken literally, as above). */
export function startsPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/** A pattern matching `text` at the start of any word after the first: "% mü%" finds "Anna Müller". */
export function wordStartPattern(text: string): string {
  return `% ${escapeLike(text)}%`;
}

/** A pattern matching text that starts with `text`, wildcards in it matching themselves. */
export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
