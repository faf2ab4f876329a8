import type { LineDiscount } from '../types';

export interface BenefitResult {
  discount: number;
  lines: LineDiscount[];
}
