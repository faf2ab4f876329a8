/**
 * A list's WHERE clause with numbered parameters, built filter by filter: a filter left undefined adds
 * nothing. `params` starts with what the fixed conditions use ($1 …).
 */
export function whereClause(fixed: string, params: unknown[]) {
  const conditions = [fixed];
  return {
    params,
    /** `condition` gets the parameter's placeholder, e.g. (n) => `t.venue_id = ${n}`. */
    add(condition: (placeholder: string) => string, value: unknown): void {
      if (value === undefined) return;
      params.push(value);
      conditions.push(condition(`$${params.length}`));
    },
    /** A condition without a parameter. */
    addRaw(condition: string): void {
      conditions.push(condition);
    },
    sql: () => `WHERE ${conditions.join(' AND ')}`,
  };
}
