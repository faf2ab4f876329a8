// Integer money arithmetic. Amounts are safe integers in minor units; every rounding is half-up on a
// non-negative amount. Whenever an intermediate value could leave the safe-integer range the helpers
// switch to BigInt, so a large basket gets an exact answer instead of a silently rounded one.

const MAX = Number.MAX_SAFE_INTEGER;

/** A safe, non-negative integer amount of minor units. */
export function isMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function assertNonNegative(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

function assertPositive(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive safe integer, got ${value}`);
  }
}

/** round(numerator / denominator), half-up. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  assertNonNegative('numerator', numerator);
  assertPositive('denominator', denominator);
  return roundedQuotient(numerator, denominator);
}

/** round(a × b / denominator), half-up, exact for any safe non-negative a and b. */
export function mulDivRoundHalfUp(a: number, b: number, denominator: number): number {
  assertNonNegative('a', a);
  assertNonNegative('b', b);
  assertPositive('denominator', denominator);
  const product = a * b;
  if (product <= MAX) return roundedQuotient(product, denominator);
  return bigRoundedQuotient(BigInt(a) * BigInt(b), BigInt(denominator));
}

function roundedQuotient(numerator: number, denominator: number): number {
  if (numerator + denominator > MAX) return bigRoundedQuotient(BigInt(numerator), BigInt(denominator));
  let quotient = Math.floor(numerator / denominator);
  let rest = numerator - quotient * denominator;
  // The float division can land one off near the top of the range; the exact remainder corrects it.
  if (rest < 0) {
    quotient -= 1;
    rest += denominator;
  } else if (rest >= denominator) {
    quotient += 1;
    rest -= denominator;
  }
  return rest * 2 >= denominator ? quotient + 1 : quotient;
}

function bigRoundedQuotient(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator;
  const result = (numerator - quotient * denominator) * 2n >= denominator ? quotient + 1n : quotient;
  if (result > BigInt(MAX)) throw new RangeError('amount exceeds the safe integer range');
  return Number(result);
}
