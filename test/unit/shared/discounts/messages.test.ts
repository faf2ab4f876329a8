import { describe, expect, it } from 'vitest';
import {
  CODE_FORMAT_MESSAGE,
  REASON_MESSAGES,
  invalidInputMessage,
  type ReasonCode,
} from '../../../../shared/discounts';

// The binding sentences of docs/ENGINE.md ("Reasons and messages"), word for word.
const TABLE: Record<Exclude<ReasonCode, 'INVALID_INPUT'>, string> = {
  INVALID_CODE: 'This is not a valid discount code.',
  NOT_YET_ACTIVE: 'This code is not yet active.',
  EXPIRED: 'This code has expired.',
  OUTSIDE_PERFORMANCE_WINDOW: 'This discount code is outside of its validity period.',
  MAX_USES: 'The maximum number of orders for this discount code has been met.',
  MAX_ITEM_USES: 'The maximum number of item uses for this discount code has been met.',
  CUSTOMER_MAX_USES: 'The maximum number of orders for this discount code has been met for this customer.',
  CUSTOMER_MAX_ITEM_USES:
    'The maximum number of item uses for this discount code has been met for this customer.',
  CUSTOMER_EVENT_MAX_USES:
    'The maximum number of orders for this discount code has been met for this customer for one or more events.',
  CUSTOMER_SCHEDULE_MAX_USES:
    'The maximum number of orders for this discount code has been met for this customer for one or more event schedules.',
  BUDGET_EXHAUSTED: "This discount code's budget has been used up.",
  WRONG_CURRENCY: 'This discount code is not valid for this currency.',
  MIN_SPEND: 'The minimum spend for this discount has not been met.',
  MAX_SPEND: 'The order is above the maximum value for this discount.',
  MIN_QTY: 'Not enough eligible tickets in the basket for this discount.',
  REQUIRED_ITEMS_MISSING: 'Required items are not present in basket for this discount.',
  CROSS_EVENT: 'Eligible items must be purchased from the same event for this discount.',
  DISTINCT_EVENTS: 'Eligible items must come from more events for this discount.',
  GROUP_TOO_SMALL: 'The group is too small for this discount.',
  NO_ELIGIBLE_ITEMS: 'This discount code does not apply to any items in the basket.',
  WRONG_CHANNEL: 'This discount code cannot be used in this sales point.',
  NEW_CUSTOMERS_ONLY: "This discount code can only be used on a customer's first order.",
  CUSTOMER_GROUP: 'This discount code requires the customer to be in a specific customer group.',
  CUSTOMER_REQUIRED: 'You must select a customer to use this discount code.',
  NOT_IN_BOX_OFFICE: 'This discount code is not available in box office.',
  MAX_DISCOUNT_ZERO: "This discount code's maximum discount is zero.",
};

describe('REASON_MESSAGES', () => {
  it.each(Object.entries(TABLE))('has the exact English sentence for %s', (reason, sentence) => {
    expect(REASON_MESSAGES[reason as ReasonCode].en).toBe(sentence);
  });

  it.each(Object.keys(REASON_MESSAGES))('has a German sentence for %s', (reason) => {
    const message = REASON_MESSAGES[reason as ReasonCode];
    expect(message.de.length).toBeGreaterThan(10);
    expect(message.de).not.toBe(message.en);
    expect(message.de).toMatch(/[.!]$/);
  });

  it('covers every reason of the contract plus INVALID_INPUT', () => {
    expect(Object.keys(REASON_MESSAGES).sort()).toEqual([...Object.keys(TABLE), 'INVALID_INPUT'].sort());
  });

  it('cannot be edited by a caller', () => {
    expect(Object.isFrozen(REASON_MESSAGES.EXPIRED)).toBe(true);
  });
});

describe('invalidInputMessage', () => {
  it('names the field in English and German', () => {
    const message = invalidInputMessage('basket.lines[2].qty', { kind: 'count', min: 1 });
    expect(message.en).toBe(
      'The discount could not be checked: basket.lines[2].qty must be a whole number of at least 1.',
    );
    expect(message.de).toContain('basket.lines[2].qty');
    expect(message.de).toContain('ganze Zahl');
  });

  it.each([
    { kind: 'required' },
    { kind: 'text' },
    { kind: 'boolean' },
    { kind: 'list' },
    { kind: 'object' },
    { kind: 'minor' },
    { kind: 'integer' },
    { kind: 'percent' },
    { kind: 'currency' },
    { kind: 'instant' },
    { kind: 'oneOf', options: ['a', 'b'] },
    { kind: 'unknownRule' },
    { kind: 'duplicate' },
    { kind: 'notBefore', other: 'x' },
    { kind: 'tooLarge', max: 5 },
    { kind: 'tooManyUnits', max: 5 },
    { kind: 'mismatch' },
  ] as const)('describes a $kind problem in both languages', (problem) => {
    const message = invalidInputMessage('f', problem);
    expect(message.en).toMatch(/^The discount could not be checked: f .+\.$/);
    expect(message.de).toMatch(/^Der Rabatt konnte nicht geprüft werden: f .+\.$/);
  });
});

describe('CODE_FORMAT_MESSAGE', () => {
  it('explains the allowed characters in both languages', () => {
    expect(CODE_FORMAT_MESSAGE.en).toContain('1 to 64');
    expect(CODE_FORMAT_MESSAGE.de).toContain('1 bis 64');
  });
});
