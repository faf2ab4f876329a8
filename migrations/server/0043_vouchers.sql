-- docs/CASH.md "Gift vouchers": a product of kind 'voucher' (its validity in days, VAT 0), the vouchers
-- pushed sales issued, two review kinds for their payments, and each terminal's voucher share.

ALTER TABLE products DROP CONSTRAINT products_kind_check;
ALTER TABLE products ADD CONSTRAINT products_kind_check CHECK (kind IN ('addon', 'merch', 'fee', 'voucher'));
-- Null: DEFAULT_VOUCHER_DAYS (shared/vouchers/rules.ts). Only a voucher has one, and a voucher carries
-- no VAT: its VAT is due on what it buys. The service refuses both with a sentence; these are the floor.
ALTER TABLE products ADD COLUMN voucher_days INTEGER CHECK (voucher_days BETWEEN 1 AND 3650);
ALTER TABLE products ADD CONSTRAINT products_voucher_days_kind CHECK (kind = 'voucher' OR voucher_days IS NULL);
ALTER TABLE products ADD CONSTRAINT products_voucher_vat CHECK (kind <> 'voucher' OR vat_rate = 0);

-- One row per voucher a pushed sale issued (voucherRowSchema in shared/sync/sale-record.ts). Its balance
-- is the escrow counter voucher_balance:<id>, whose limit is `amount`. The sale row is written at the
-- end of the push batch (mutation-scope.ts), so its reference is checked at commit. change_pos moves
-- whenever the balance or the status does, so every terminal pulls the new balance.
CREATE TABLE vouchers (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  sale_id UUID NOT NULL REFERENCES pos_sales (id) DEFERRABLE INITIALLY DEFERRED,
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  line_id TEXT NOT NULL,
  unit_index INTEGER NOT NULL CHECK (unit_index >= 0),
  amount BIGINT NOT NULL CHECK (amount >= 1),
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  issued_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL CHECK (expires_at > issued_at),
  key_id TEXT NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
  secret TEXT NOT NULL CHECK (length(secret) <= 200),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'void')),
  status_changed_at TIMESTAMPTZ,
  change_pos BIGINT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (sale_id, line_id, unit_index)
);
CREATE INDEX vouchers_pull ON vouchers (org_id, change_pos, id);
CREATE INDEX vouchers_issued ON vouchers (org_id, issued_at);

-- docs/CASH.md "Paying with one": a voucher payment beyond the leases it names and the pool, and one
-- naming a voucher the organisation does not know; both keep the sale.
ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
  CHECK (kind IN ('overuse_excess', 'quarantined', 'restore_detected', 'customer_overuse', 'approval_unproven',
    'overuse_cap_exceeded', 'duplicate_entry', 'seat_not_held', 'cash_unpermitted', 'voucher_overspent',
    'voucher_unknown'));

-- docs/CASH.md "Offline": the share of each open voucher's balance this terminal holds ahead; 0 keeps
-- every voucher whole for online windows.
ALTER TABLE terminals ADD COLUMN voucher_share_percent INTEGER NOT NULL DEFAULT 0
  CHECK (voucher_share_percent BETWEEN 0 AND 50);
