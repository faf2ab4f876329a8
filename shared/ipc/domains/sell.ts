import type { ReasonCode } from '../../discounts';
import type { SeatLabel } from '../../seating/types';

// Shapes of the selling screens' data as the core returns them.

export interface CustomerInput {
  id: string;
  name: string;
  email?: string;
  /** As typed: digits, spaces and + - ( ) only. */
  phone?: string;
  /** The customer agreed to receive receipts and tickets by e-mail (issue 17: only with consent or on request). */
  emailConsent?: boolean;
  priorOrders: number;
  groups: string[];
}

export interface CartLineView {
  id: string;
  /** 'voucher': gift vouchers, priced outside the engine (docs/CASH.md "Gift vouchers"). */
  kind: 'ticket' | 'addon' | 'merch' | 'fee' | 'voucher';
  name: string;
  /** e.g. "Hamlet · Stalls · 21 Nov 19:30" */
  detail: string;
  qty: number;
  unitPrice: number;
  gross: number;
  codeDiscount: number;
  customDiscount: number;
  /** The full price of the line's comped units (docs/CASH.md "Comps"), outside `gross`; 0 without a comp. */
  comp: number;
  /** How many of the line's units are comped, and why; absent without a comp. */
  comped?: CompView;
  total: number;
  /** A line of seats chosen on a seat map: one per unit (docs/SEATING.md). Its quantity follows its seats. */
  seats?: SeatLabel[];
}

export interface AppliedCodeView {
  codeId: string;
  code: string;
  name: string;
  source: 'manual' | 'auto';
  applies: boolean;
  discount: number;
  reason?: ReasonCode;
  message?: string;
  hint?: string;
  /** A supervisor may grant overuse for this failure. */
  overridable: boolean;
  /** Usage limits bypassed by a granted overuse. */
  overridden: ReasonCode[];
  overuse: { approverName: string; reason: string; note: string | null } | null;
  trace: string[];
}

/** A comp on a line as the till shows it. */
export interface CompView {
  qty: number;
  reason: string;
  note: string | null;
  /** Who allowed it: the seller (holding sale.comp) or the supervisor who typed their PIN. */
  approvedBy: string;
}

export interface CustomDiscountView {
  kind: 'percentage' | 'fixed';
  value: number;
  reason: string;
  note: string | null;
  amount: number;
  approvedBy: string | null;
}

export interface CartView {
  id: string;
  currency: string;
  /** The step cash is rounded to here (docs/CASH.md "Cash rounding"); 0: cash pays exactly. */
  cashStep: number;
  lines: CartLineView[];
  customer: CustomerInput | null;
  code: AppliedCodeView | null;
  custom: CustomDiscountView | null;
  gross: number;
  codeDiscount: number;
  customDiscount: number;
  /** What the comps give away at full price, outside `gross` (gross − discounts = total, as always). */
  comp: number;
  total: number;
  vat: { rate: number; gross: number; net: number; vat: number }[];
}

export interface CodeOption {
  codeId: string;
  code: string;
  name: string;
  description: string;
  applies: boolean;
  /** The saving on the current basket, in minor units; 0 when it does not apply. */
  saving: number;
  reason?: ReasonCode;
  message?: string;
  hint?: string;
}

/** A scanned voucher as the window sees it (docs/CASH.md "The balance at the window"). */
export interface VoucherCheckView {
  voucherId: string;
  currency: string;
  /** Face value, minor units. */
  amount: number;
  expiresAt: string;
  expired: boolean;
  status: 'active' | 'void';
  /** The server's balance when it answered; offline, the last pulled balance less this window's spends since. */
  balance: number;
  /** True when the server answered just now; false: the balance is as last known here. */
  live: boolean;
  /** What this window can spend of it now: the balance online, what it holds by lease offline. */
  spendableHere: number;
}
