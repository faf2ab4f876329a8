-- The back office reports (docs/REPORTS.md): the orders list pages newest first by keyset on
-- (time, id) and stays on an index at 1,000,000 sales for its common filters; shifts sum their refunds.

-- An order is a pushed sale (pos_sales) or, for a code use recorded through POST /v1/redemptions with
-- no sale behind it (an online shop), its redemption. pos_sale tells the two apart without probing
-- pos_sales for every redemption: the sale's own redemption is written by the push with pos_sale true.
ALTER TABLE redemptions ADD COLUMN pos_sale BOOLEAN NOT NULL DEFAULT false;
UPDATE redemptions r SET pos_sale = true FROM pos_sales s WHERE s.org_id = r.org_id AND s.id = r.order_id;

-- Newest first per organisation, and per terminal and cashier; id breaks ties in time.
CREATE INDEX pos_sales_org_time_id ON pos_sales (org_id, created_at, id);
DROP INDEX pos_sales_org_time;
CREATE INDEX pos_sales_terminal_time ON pos_sales (org_id, terminal_id, created_at, id);
CREATE INDEX pos_sales_cashier_time ON pos_sales (org_id, cashier_id, created_at, id);
-- Sales of a performance: the performances a sale's lines name, as one array GIN can answer @> on.
CREATE INDEX pos_sales_performances ON pos_sales
  USING gin (jsonb_path_query_array(payload, '$.lines[*].performanceId'));

-- Orders known only by their redemption, newest first.
CREATE INDEX redemptions_orders ON redemptions (org_id, redeemed_at, order_id) WHERE NOT pos_sale;
-- Orders that used a code or any child of a parent: a child's group is its parent, a code's itself.
CREATE INDEX redemptions_group_time ON redemptions (org_id, (COALESCE(parent_id, code_id)), redeemed_at, order_id);

-- A shift's refunds, for its tender totals.
CREATE INDEX pos_refunds_shift ON pos_refunds (shift_id);
