import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from '../../../../shared/tickets/base45';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('base45', () => {
  it('encodes the examples of RFC 9285', () => {
    expect(encodeBase45(bytes('AB'))).toBe('BB8');
    expect(encodeBase45(bytes('Hello!!'))).toBe('%69 VD92EX0');
    expect(encodeBase45(bytes('base-45'))).toBe('UJCLQE7W581');
    expect(new TextDecoder().decode(decodeBase45('QED8WEX0') ?? new Uint8Array())).toBe('ietf!');
  });

  it('round-trips any bytes using only QR alphanumeric characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const text = encodeBase45(data);
        expect(text).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
        expect(decodeBase45(text)).toEqual(data);
      }),
    );
  });

  it('refuses text that is no base45', () => {
    expect(decodeBase45('GGW')).toBeNull(); // 65535 + 1: above two bytes
    expect(decodeBase45('A')).toBeNull(); // a length of 3n + 1
    expect(decodeBase45('ab8')).toBeNull(); // lower case is outside the alphabet
    expect(decodeBase45(':;')).toBeNull();
  });
});
