// The discount engine's public surface (docs/ENGINE.md). Binding names first, helpers beside them.
export { evaluateCode } from './evaluate';
export { rankCodes, selectAutoApply, isVisibleTo } from './rank';
export { priceBasket, tryPriceBasket, splitCustomOverUnits, type PriceResult } from './price';
export { splitByWeights } from './allocate';
export { normalizeCode } from './normalize';
export type {
  Minor,
  Bp,
  Basket,
  BasketLine,
  TargetRef,
  Benefit,
  Rules,
  CodeDefinition,
  Usage,
  EvaluationContext,
  Evaluation,
  EvaluationOk,
  EvaluationFailure,
  LineDiscount,
  RankedCode,
  CustomDiscount,
  PricedBasket,
  ReasonCode,
  LocalizedMessage,
} from './types';
export { REASON_MESSAGES, CODE_FORMAT_MESSAGE, invalidInputMessage, type InputProblem } from './messages';
export { OVERRIDABLE_REASONS, ATTACHABLE_REASONS, USAGE_LIMIT_ORDER } from './policy';
export {
  EngineInputError,
  validateBasket,
  validateCode,
  validateContext,
  validateCustom,
  type ValidationResult,
} from './validate';
export { parseInstant } from './instant';
export { MAX_BASKET_UNITS, MAX_LINE_QTY } from './limits';
