import { describe, expect, it } from 'vitest';
import { capText, parseCapText } from '../../../src-renderer/lib/cap-input';

describe('an overuse cap as a manager types it', () => {
  it('reads empty as the form’s empty meaning, and whole numbers from 0 to 10000 as the cap', () => {
    expect(parseCapText('', null)).toBeNull();
    expect(parseCapText('   ', 'role')).toBe('role');
    expect(parseCapText('0', null)).toBe(0);
    expect(parseCapText(' 20 ', null)).toBe(20);
    expect(parseCapText('10000', null)).toBe(10_000);
  });

  it('leaves anything else undefined, for the field to say what to type', () => {
    for (const typed of ['10001', '-1', '2.5', '1e3', 'lots', '123456']) {
      expect(parseCapText(typed, null), typed).toBeUndefined();
    }
  });

  it('shows no cap as an empty field', () => {
    expect(capText(null)).toBe('');
    expect(capText(undefined)).toBe('');
    expect(capText(0)).toBe('0');
  });
});
