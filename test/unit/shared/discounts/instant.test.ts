import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../../shared/discounts';

describe('parseInstant', () => {
  it.each([
    ['2025-07-15T12:00:00Z', Date.UTC(2025, 6, 15, 12)],
    ['2025-07-15T12:00Z', Date.UTC(2025, 6, 15, 12)],
    ['2025-07-15T14:00:00+02:00', Date.UTC(2025, 6, 15, 12)],
    ['2025-07-15T06:30:00-05:30', Date.UTC(2025, 6, 15, 12)],
    ['2024-02-29T00:00:00.123Z', Date.UTC(2024, 1, 29, 0, 0, 0, 123)],
    ['2025-07-15T12:00:00.123456789Z', Date.UTC(2025, 6, 15, 12, 0, 0, 123)],
    ['0025-01-01T00:00:00Z', Date.parse('0025-01-01T00:00:00Z')],
  ])('reads %s', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });

  it.each([
    '2025-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-07-15',
    '2025-07-15T12:00:00',
    '2025-07-15 12:00:00Z',
    '2025-07-15T24:00:00Z',
    '2025-07-15T12:60:00Z',
    '2025-07-15T12:00:60Z',
    '2025-07-15T12:00:00.Z',
    '2025-07-15T12:00:00+0200',
    '2025-07-15T12:00:00+24:00',
    'July 15, 2025',
    '',
  ])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeNaN();
  });

  it('refuses a value that is not text', () => {
    expect(parseInstant(1752580800000)).toBeNaN();
    expect(parseInstant(undefined)).toBeNaN();
  });
});
