// A sale as stored (migrations/terminal/0005_sales.sql, in camelCase) and as the screens receive it.

export interface SaleRow {
  id: string;
  receiptNo: number;
  shiftId: string;
  cashierId: string;
  currency: string;
  customerId: string | null;
  customer: string | null;
  gross: number;
  codeDiscount: number;
  customDiscount: number;
  total: number;
  codeId: string | null;
  codeVersion: number | null;
  codeText: string | null;
  codeAuto: number;
  customKind: 'percentage' | 'fixed' | null;
  customValue: number | null;
  customReason: string | null;
  status: 'completed' | 'voided';
  createdAt: string;
}

export interface SaleLineRow {
  id: string;
  saleId: string;
  lineNo: number;
  kind: 'ticket' | 'addon' | 'merch' | 'fee';
  itemId: string;
  name: string;
  eventId: string | null;
  performanceId: string | null;
  priceBandId: string | null;
  ticketTypeId: string | null;
  inventoryItemId: string | null;
  category: string | null;
  qty: number;
  unitPrice: number;
  vatRate: number;
  gross: number;
  codeDiscount: number;
  customDiscount: number;
  total: number;
}

export interface SaleUnitRow {
  lineId: string;
  unitIndex: number;
  unitPrice: number;
  codeDiscount: number;
  customDiscount: number;
  total: number;
  refundId: string | null;
}

export interface PaymentRow {
  id: string;
  saleId: string;
  refundId: string | null;
  shiftId: string;
  tender: 'cash' | 'card' | 'complimentary';
  amount: number;
  tendered: number | null;
  changeGiven: number | null;
  reference: string | null;
  createdAt: string;
}

export interface RedemptionRow {
  id: string;
  saleId: string;
  codeId: string;
  codeVersion: number;
  customerId: string | null;
  itemUses: number;
  discount: number;
  overuse: number;
  releasedAt: string | null;
  createdAt: string;
}

export interface ApprovalRow {
  id: string;
  saleId: string;
  kind: 'overuse' | 'custom_discount';
  approverId: string;
  reason: string;
  limits: string;
  createdAt: string;
  /** The terminal's Ed25519 signature (shared/sync/approval-proof.ts); null before enrolment. */
  signature: string | null;
}

export interface RefundRow {
  id: string;
  refundNo: number;
  saleId: string;
  kind: 'refund' | 'void';
  shiftId: string;
  staffId: string;
  reason: string;
  amount: number;
  createdAt: string;
}

export interface SaleRecord {
  sale: SaleRow;
  lines: SaleLineRow[];
  units: SaleUnitRow[];
  payments: PaymentRow[];
  redemption: RedemptionRow | null;
  scopes: { eventId: string; performanceId: string }[];
  approvals: ApprovalRow[];
  refunds: RefundRow[];
}
