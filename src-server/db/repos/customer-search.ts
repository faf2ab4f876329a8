import { customerSearchTerms } from '../../../shared/customers/offline';
import { containsPattern, startsPattern, wordStartPattern } from '../like';

// How a search finds customers (docs/CUSTOMERS.md "Search"). Every condition is an ILIKE or LIKE that a
// trigram index of migration 0023 answers, so a search over 100,000 customers reads the index, not the
// table.
//
// - A search that looks like a phone number (digits, spaces, + - ( ) / .) with three digits or more is
//   matched on the phone's digits only: "030 / 1234-56" finds "+49 30 123456".
// - Anything else is split into words (at most five); every word must match the name or the e-mail
//   address: "anna mül" and "müller anna" both find "Anna Müller". A word of three characters or more
//   matches anywhere ("ülle"); a shorter one only at the start of a word ("an" finds "Anna", not
//   "Johann"), as two letters anywhere would match most of the store. A word of digits also matches the
//   phone's digits.
// - Best first: a name or address that starts with the search as typed, then by name.

export interface CustomerMatch {
  /** The WHERE condition; pushes its parameters onto `params`. */
  condition(params: unknown[]): string;
  /** An ORDER BY term, false for the best matches (they sort first); pushes its parameters onto `params`. */
  rank(params: unknown[]): string;
}

const placeholder = (params: unknown[], value: unknown) => `$${params.push(value)}`;

function wordCondition(params: unknown[], word: string): string {
  const alternatives =
    word.length >= 3
      ? [
          `name ILIKE ${placeholder(params, containsPattern(word))}`,
          `email ILIKE ${placeholder(params, containsPattern(word))}`,
        ]
      : [
          `name ILIKE ${placeholder(params, startsPattern(word))}`,
          `name ILIKE ${placeholder(params, wordStartPattern(word))}`,
          `email ILIKE ${placeholder(params, startsPattern(word))}`,
        ];
  if (/^[0-9]{3,}$/.test(word))
    alternatives.push(`phone_digits LIKE ${placeholder(params, containsPattern(word))}`);
  return `(${alternatives.join(' OR ')})`;
}

/** The match for search text `q`; undefined for a blank search (everyone). */
export function customerMatch(q: string): CustomerMatch | undefined {
  const terms = customerSearchTerms(q);
  if (terms === null) return undefined;
  if ('digits' in terms) {
    const { digits } = terms;
    return {
      condition: (params) => `phone_digits LIKE ${placeholder(params, containsPattern(digits))}`,
      rank: (params) => `left(phone_digits, ${digits.length}) <> ${placeholder(params, digits)}`,
    };
  }
  const { words } = terms;
  const text = q.trim();
  return {
    condition: (params) => words.map((word) => wordCondition(params, word)).join(' AND '),
    // An equality on the first characters, not a pattern: it runs on every matching row.
    rank: (params) => {
      const start = placeholder(params, text.toLowerCase());
      const n = [...text].length;
      return `NOT (lower(left(name, ${n})) = ${start} OR lower(left(COALESCE(email, ''), ${n})) = ${start})`;
    },
  };
}
