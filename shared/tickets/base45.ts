// Base45 (RFC 9285): bytes as text drawn only from the 45 characters a QR code's alphanumeric mode holds,
// so a signed ticket secret fits a smaller code than base64 would (which forces byte mode). Two bytes
// become three characters, a last odd byte two.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Map(Array.from(ALPHABET, (ch, i) => [ch, i]));

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += (ALPHABET[c] as string) + (ALPHABET[d] as string) + (ALPHABET[e] as string);
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] as number;
    out += (ALPHABET[n % 45] as string) + (ALPHABET[Math.floor(n / 45)] as string);
  }
  return out;
}

/** The bytes, or null when the text is no base45: a character outside the alphabet, a bad length or value. */
export function decodeBase45(text: string): Uint8Array | null {
  if (text.length % 3 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = VALUE.get(text[i] as string);
    const d = VALUE.get(text[i + 1] as string);
    if (c === undefined || d === undefined) return null;
    if (i + 2 < text.length) {
      const e = VALUE.get(text[i + 2] as string);
      if (e === undefined) return null;
      const n = c + d * 45 + e * 45 * 45;
      if (n > 0xffff) return null;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = c + d * 45;
      if (n > 0xff) return null;
      out[o++] = n;
    }
  }
  return out;
}
