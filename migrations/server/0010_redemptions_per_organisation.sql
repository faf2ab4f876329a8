-- Redemption ids are made by clients (an online shop, a terminal), so two organisations may pick the
-- same one. Keyed by id alone, the second organisation's insert hit the first's row: a 500 and an
-- oracle for whether another organisation used an id. The key is now (org_id, id): the same id in two
-- organisations is two independent rows. The one reference to a redemption (a review item) follows,
-- and names its own organisation's row.
ALTER TABLE review_items DROP CONSTRAINT review_items_redemption_id_fkey;
ALTER TABLE redemptions DROP CONSTRAINT redemptions_pkey;
ALTER TABLE redemptions ADD PRIMARY KEY (org_id, id);
ALTER TABLE review_items ADD CONSTRAINT review_items_redemption_fkey
  FOREIGN KEY (org_id, redemption_id) REFERENCES redemptions (org_id, id);
