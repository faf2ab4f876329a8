-- The lines the organisation prints at the top of every receipt (its legal name, address, VAT id), set
-- in the back office and pulled with the venue: a JSON array of strings, empty until the server sends one.
ALTER TABLE venues ADD COLUMN receipt_header TEXT NOT NULL DEFAULT '[]' CHECK (json_type(receipt_header) = 'array');
