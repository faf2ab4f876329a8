-- Cash movements (docs/CASH.md): paid in, paid out, drops, float changes and "no sale", pushed by the
-- terminals as `cash.movement` and kept as they were recorded, for the shift report. The amount is the
-- drawer's change (positive in, negative out, 0 for no sale); the pushing server checks its sign per kind.
CREATE TABLE pos_cash_movements (
  id UUID PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organisations (id),
  terminal_id UUID NOT NULL REFERENCES terminals (id),
  mutation_id UUID NOT NULL,
  shift_id UUID NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('paid_in', 'paid_out', 'drop', 'float_change', 'no_sale')),
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  reason TEXT NOT NULL,
  note TEXT,
  -- Text, as for check-ins: a demo terminal's own staff ids are no staff rows.
  staff_id TEXT NOT NULL,
  payload JSONB NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (
    (kind = 'paid_in' AND amount > 0) OR (kind IN ('paid_out', 'drop') AND amount < 0)
    OR (kind = 'float_change' AND amount <> 0) OR (kind = 'no_sale' AND amount = 0)
  )
);
-- The shift report sums a page of shifts' movements per kind.
CREATE INDEX pos_cash_movements_shift ON pos_cash_movements (org_id, shift_id);

-- Per-organisation reason lists (shared/cash/reasons.ts): a category left out offers the default list.
ALTER TABLE organisations
  ADD COLUMN reasons JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(reasons) = 'object');
