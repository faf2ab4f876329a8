-- docs/CUSTOMERS.md "At the terminal": the customers a terminal may need offline (those with personal
-- codes or recent orders) travel to it by pull. A customer takes a change position when they are
-- created or changed and when a pushed sale names them, so a terminal hears of a new order's count.
-- Existing customers sit at position 0: a terminal's next full snapshot sends those in its subset.
ALTER TABLE customers ADD COLUMN change_pos BIGINT NOT NULL DEFAULT 0;
-- Pull pages by (change_pos, id) per organisation.
CREATE INDEX customers_pull ON customers (org_id, change_pos, id);
