// ISO 4217 minor-unit exponents. Listed explicitly instead of asking Intl, because ICU builds differ
// (Node's small-icu, browsers) and the terminal, renderer and server must agree to the cent.

const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DECIMALS = 'CLF UYW';
const TWO_DECIMALS =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL ' +
  'HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP ' +
  'MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD ' +
  'SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS ' +
  'VED VES WST XCD XCG YER ZAR ZMW ZWG';

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...ZERO_DECIMALS.split(' ').map((c) => [c, 0] as const),
  ...TWO_DECIMALS.split(' ').map((c) => [c, 2] as const),
  ...THREE_DECIMALS.split(' ').map((c) => [c, 3] as const),
  ...FOUR_DECIMALS.split(' ').map((c) => [c, 4] as const),
]);

/** True for an upper-case ISO 4217 code this product can price in. */
export function isKnownCurrency(currency: unknown): currency is string {
  return typeof currency === 'string' && EXPONENTS.has(currency);
}

/** Number of minor-unit digits: 0 for JPY, 2 for EUR, 3 for KWD. Throws for an unknown code (a bug). */
export function currencyExponent(currency: string): number {
  const exponent = EXPONENTS.get(currency);
  if (exponent === undefined) throw new RangeError(`Unknown currency: ${currency}`);
  return exponent;
}

export function knownCurrencies(): string[] {
  return [...EXPONENTS.keys()].sort();
}
