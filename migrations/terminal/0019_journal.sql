-- The sales journal (docs/ORDERS.md): this terminal's sales searched offline by customer, date,
-- cashier and performance. The customer's search keys are virtual columns read from the sale's
-- `customer` JSON (no backfill, nothing for a writer to forget), indexed: name and e-mail in lower
-- case, the last word of the name, and the phone as digits (a phone is digits, spaces and + - ( ) only,
-- as the IPC contract checks). Text that is not JSON gives empty keys, never an error.
ALTER TABLE sales ADD COLUMN customer_name TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(customer) AND json_type(customer) = 'object'
    THEN nullif(lower(trim(json_extract(customer, '$.name'))), '') END) VIRTUAL;
ALTER TABLE sales ADD COLUMN customer_last_name TEXT GENERATED ALWAYS AS (
  substr(customer_name, length(rtrim(customer_name, replace(customer_name, ' ', ''))) + 1)) VIRTUAL;
ALTER TABLE sales ADD COLUMN customer_email TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(customer) AND json_type(customer) = 'object'
    THEN nullif(lower(trim(json_extract(customer, '$.email'))), '') END) VIRTUAL;
ALTER TABLE sales ADD COLUMN customer_phone TEXT GENERATED ALWAYS AS (
  CASE WHEN json_valid(customer) AND json_type(customer) = 'object'
    THEN nullif(replace(replace(replace(replace(replace(
      json_extract(customer, '$.phone'), ' ', ''), '+', ''), '(', ''), ')', ''), '-', ''), '') END) VIRTUAL;

CREATE INDEX sales_customer_name ON sales (customer_name) WHERE customer_name IS NOT NULL;
CREATE INDEX sales_customer_last_name ON sales (customer_last_name) WHERE customer_last_name IS NOT NULL;
CREATE INDEX sales_customer_email ON sales (customer_email) WHERE customer_email IS NOT NULL;
CREATE INDEX sales_customer_phone ON sales (customer_phone) WHERE customer_phone IS NOT NULL;
-- Newest first, alone or per cashier; a performance's sales through their lines.
CREATE INDEX sales_created ON sales (created_at, id);
CREATE INDEX sales_cashier_created ON sales (cashier_id, created_at);
CREATE INDEX sale_lines_performance ON sale_lines (performance_id, sale_id) WHERE performance_id IS NOT NULL;
-- The order view's history: a sale's refunds, and the reprints of its receipt and tickets.
CREATE INDEX refunds_sale ON refunds (sale_id);
CREATE INDEX print_jobs_reprints ON print_jobs (ref_id) WHERE duplicate = 1;
