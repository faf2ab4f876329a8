-- Reserved: number 0035 belongs to cash rounding (branch i19-round), built beside comps. This placeholder keeps the
-- numbering without gaps on the comp branch; the merge replaces it with that branch's migration.
SELECT 1;
