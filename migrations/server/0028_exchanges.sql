-- docs/ORDERS.md "Exchanges": a sale made by exchanging units of another names it. The pushed payload
-- carries exchangeOf; the column lets the order detail find the exchange from either side. No foreign
-- key: a sale is applied even when the one it exchanges was quarantined and never reached this table.
ALTER TABLE pos_sales ADD COLUMN exchange_of UUID;
CREATE INDEX pos_sales_exchange_of ON pos_sales (org_id, exchange_of) WHERE exchange_of IS NOT NULL;
