-- Reserved: number 0037 belongs to overuse limits (branch i19-over), built beside comps. This placeholder keeps the
-- numbering without gaps on the comp branch; the merge replaces it with that branch's migration.
SELECT 1;
