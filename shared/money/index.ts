export { currencyExponent, isKnownCurrency, knownCurrencies } from './currencies';
export { divRoundHalfUp, isMinor, mulDivRoundHalfUp } from './arithmetic';
export { formatMinor } from './format';
