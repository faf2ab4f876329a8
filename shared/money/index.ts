export { currencyExponent, isKnownCurrency, knownCurrencies } from './currencies';
export { divRoundHalfUp, isMinor, mulDivRoundHalfUp } from './arithmetic';
export { formatMinor } from './format';
export { MAX_MONEY_MINOR, MAX_MONEY_SENTENCE } from './limits';
