-- Reserved: number 0036 belongs to training mode (branch i19-train), built beside comps. This placeholder keeps the
-- numbering without gaps on the comp branch; the merge replaces it with that branch's migration.
SELECT 1;
