import { isKnownCurrency } from '../money';
import {
  COUNT_0,
  COUNT_1,
  CURRENCY,
  DUPLICATE,
  KINDS,
  LIST,
  MAX_BASKET_UNITS,
  MAX_LINE_QTY,
  MINOR,
  OBJECT,
  PERCENT,
  REQUIRED,
  TEXT,
  at,
  isCount,
  isMinor,
  isObject,
  isOneOf,
  isPercent,
  isText,
  oneOf,
  type InputIssue,
} from './validate-primitives';

// The basket: the terminal's own data, checked once per evaluation (once per ranking in rankCodes).

export function checkBasket(basket: unknown): InputIssue | null {
  if (!isObject(basket)) return at('basket', OBJECT);
  if (!isKnownCurrency(basket.currency)) return at('basket.currency', CURRENCY);
  if (basket.attendees !== undefined && !isCount(basket.attendees, 0)) return at('basket.attendees', COUNT_0);
  const lines = basket.lines;
  if (!Array.isArray(lines)) return at('basket.lines', LIST);
  const ids = new Set<string>();
  let gross = 0;
  let units = 0;
  for (let i = 0; i < lines.length; i++) {
    const line: unknown = lines[i];
    const issue = checkLine(line, i);
    if (issue) return issue;
    const { id, unitPrice, qty } = line as { id: string; unitPrice: number; qty: number };
    // One hash lookup per line: a repeated id leaves the set's size unchanged.
    if (ids.add(id).size === i) return at(`basket.lines[${i}].id`, DUPLICATE);
    units += qty;
    if (units > MAX_BASKET_UNITS) return at('basket.lines', { kind: 'tooManyUnits', max: MAX_BASKET_UNITS });
    gross += unitPrice * qty;
    if (!Number.isSafeInteger(gross)) {
      return at(`basket.lines[${i}].unitPrice`, {
        kind: 'tooLarge',
        max: Math.floor(Number.MAX_SAFE_INTEGER / qty),
      });
    }
  }
  return null;
}

function checkLine(line: unknown, i: number): InputIssue | null {
  const issue = checkLineFields(line);
  return issue === null ? null : at(`basket.lines[${i}]${issue.field}`, issue.problem);
}

// Relative field names ('.qty'), so the path string is only built when something is wrong.
function checkLineFields(line: unknown): InputIssue | null {
  if (!isObject(line)) return at('', OBJECT);
  if (!isText(line.id) || line.id === '') return at('.id', line.id === '' ? REQUIRED : TEXT);
  if (!isText(line.itemId)) return at('.itemId', TEXT);
  if (!isOneOf(line.kind, KINDS)) return at('.kind', oneOf(KINDS));
  if (!isMinor(line.unitPrice)) return at('.unitPrice', MINOR);
  if (!isCount(line.qty, 1)) return at('.qty', COUNT_1);
  if (line.qty > MAX_LINE_QTY) return at('.qty', { kind: 'tooLarge', max: MAX_LINE_QTY });
  if (!isPercent(line.vatRate)) return at('.vatRate', PERCENT);
  if (line.eventId !== undefined && !isText(line.eventId)) return at('.eventId', TEXT);
  if (line.scheduleId !== undefined && !isText(line.scheduleId)) return at('.scheduleId', TEXT);
  if (line.priceBandId !== undefined && !isText(line.priceBandId)) return at('.priceBandId', TEXT);
  if (line.inventoryItemId !== undefined && !isText(line.inventoryItemId))
    return at('.inventoryItemId', TEXT);
  if (line.category !== undefined && !isText(line.category)) return at('.category', TEXT);
  return null;
}
