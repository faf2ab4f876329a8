-- Placeholder: number 0035 belongs to the cash-rounding branch of issue 19, merged separately. Runners
-- demand numbers without gaps, so this branch carries an empty 0035 to test its own 0036; the merge
-- takes the cash-rounding file instead of this one.
SELECT 1;
