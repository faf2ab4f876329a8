// Strict ISO 8601 instants: YYYY-MM-DDTHH:MM[:SS[.fff…]] followed by Z or ±HH:MM. Date.parse alone
// accepts "July 1, 2025" and rolls 2025-02-30 over to March; a date that means something else than it
// says must be refused, never guessed. Hand-parsed because it runs once per date per evaluation.

function digits(s: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// The same few instants come back all the time: every evaluation checks the context's clock and its
// performances' starts, and validation and the validity check both read a code's validFrom and
// validTo. Parsed values are kept by text (the last one checked first, without hashing); texts too
// long to be an instant are not kept, and the store starts over when full.
let recentText = '';
let recentValue = NaN;
const parsed = new Map<string, number>();
const KEPT = 256;
const LONGEST = '0000-00-00T00:00:00.000000000+00:00'.length;

/** Epoch milliseconds of a strict ISO 8601 instant, or NaN when the text is not one. */
export function parseInstant(text: unknown): number {
  if (text === recentText) return recentValue;
  if (typeof text !== 'string') return NaN;
  let value = parsed.get(text);
  if (value === undefined) {
    value = parse(text);
    if (text.length > LONGEST) return value;
    if (parsed.size >= KEPT) parsed.clear();
    parsed.set(text, value);
  }
  recentText = text;
  recentValue = value;
  return value;
}

function parse(text: string): number {
  if (text.length < 17) return NaN;
  const s = text;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':') return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  let at = 16;
  let second = 0;
  let millis = 0;
  if (s[at] === ':') {
    second = digits(s, at + 1, 2);
    if (second < 0 || second > 59) return NaN;
    at += 3;
    if (s[at] === '.') {
      at += 1;
      const start = at;
      let scale = 100;
      while (at < s.length) {
        const c = s.charCodeAt(at) - 48;
        if (c < 0 || c > 9) break;
        millis += c * scale;
        scale /= 10;
        at += 1;
      }
      if (at === start || at - start > 9) return NaN;
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  if (s[at] === 'Z' && at + 1 === s.length) {
    // UTC: no offset.
  } else if ((s[at] === '+' || s[at] === '-') && at + 6 === s.length && s[at + 3] === ':') {
    const offsetHours = digits(s, at + 1, 2);
    const offsetMins = digits(s, at + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return NaN;
    offsetMinutes = (offsetHours * 60 + offsetMins) * (s[at] === '-' ? -1 : 1);
  } else {
    return NaN;
  }
  const minutes = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes;
  return minutes * 60_000 + second * 1000 + millis;
}

// Proleptic Gregorian day count from 1970-01-01 (H. Hinnant's algorithm); unlike Date.UTC it does not
// read years below 100 as 19xx.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
