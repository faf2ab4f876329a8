-- docs/CASH.md "Overuse caps", "Per performance": a performance may cap the overuses granted on its
-- sales per business day (null: no cap), like a terminal's and a supervisor's caps.
ALTER TABLE performances ADD COLUMN overuse_cap INTEGER CHECK (overuse_cap BETWEEN 0 AND 10000);

-- The performances a pushed sale's redemption was for (its ticket lines), so the server can count a
-- performance's grants without reading every sale's payload. Earlier overuses are filled in from
-- their sales, so a cap set today counts today's grants made before it.
ALTER TABLE redemptions ADD COLUMN performance_ids UUID[] NOT NULL DEFAULT '{}';
UPDATE redemptions r SET performance_ids = ARRAY(
    SELECT DISTINCT (l->>'performanceId')::uuid
    FROM pos_sales s, jsonb_array_elements(s.payload->'lines') l
    WHERE s.id = r.order_id AND s.org_id = r.org_id AND l->>'performanceId' IS NOT NULL
    ORDER BY 1)
  WHERE r.overuse AND r.pos_sale;
