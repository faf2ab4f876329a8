import { parseReasonLists, type ReasonLists } from '../../../shared/cash/reasons';
import type { CashRoundingSetting } from '../../../shared/money/cash-rounding';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

export async function insertOrganisation(db: Queryable, org: { id: string; name: string }): Promise<void> {
  await db.query('INSERT INTO organisations (id, name) VALUES ($1, $2)', [org.id, org.name]);
  // Its change-position row exists from the start, so every writer can lock it first.
  await db.query('INSERT INTO sync_positions (org_id) VALUES ($1)', [org.id]);
}

export async function countOrganisations(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
  return row?.n ?? 0;
}

export async function lockSetup(db: Queryable): Promise<void> {
  // Two first-run requests at once must not both create "the first" organisation.
  await db.query('SELECT pg_advisory_xact_lock(7261002)');
}

export interface OrganisationRow {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  vatRates: { name: string; rate: number }[];
  receiptHeader: string[];
  reasons: ReasonLists;
  cashRounding: CashRoundingSetting;
  version: number;
}

const SETTINGS = `id, name, currency, timezone, vat_rates AS "vatRates", receipt_header AS "receiptHeader",
  reasons, cash_rounding AS "cashRounding", version`;

/** Reason lists that do not parse (written by hand, or by an older rule) read as the defaults. */
const settingsOf = (row: OrganisationRow | undefined): OrganisationRow | undefined =>
  row && { ...row, reasons: parseReasonLists(row.reasons) };

export async function getOrganisation(db: Queryable, orgId: string): Promise<OrganisationRow | undefined> {
  const rows = await db.query<OrganisationRow>(`SELECT ${SETTINGS} FROM organisations WHERE id = $1`, [
    orgId,
  ]);
  return settingsOf(rows[0]);
}

/** The row locked for an update: two managers saving at once are checked one after the other. */
export async function lockOrganisation(db: Queryable, orgId: string): Promise<OrganisationRow | undefined> {
  const rows = await db.query<OrganisationRow>(
    `SELECT ${SETTINGS} FROM organisations WHERE id = $1 FOR UPDATE`,
    [orgId],
  );
  return settingsOf(rows[0]);
}

const SETTING_COLUMNS = {
  name: 'name',
  currency: 'currency',
  timezone: 'timezone',
  vatRates: 'vat_rates',
  receiptHeader: 'receipt_header',
  reasons: 'reasons',
} as const;

export async function updateOrganisation(
  db: Queryable,
  orgId: string,
  values: Partial<Omit<OrganisationRow, 'id' | 'version'>>,
): Promise<void> {
  const params: unknown[] = [orgId];
  const sets = ['updated_at = now()', 'version = version + 1'];
  for (const [field, column] of Object.entries(SETTING_COLUMNS)) {
    const value = values[field as keyof typeof SETTING_COLUMNS];
    if (value === undefined) continue;
    // JSONB columns take the JSON text; the driver would send a JS array as a PostgreSQL array.
    params.push(typeof value === 'string' ? value : JSON.stringify(value));
    sets.push(`${column} = $${params.length}${typeof value === 'string' ? '' : '::jsonb'}`);
  }
  // An integer column, where null means "the currency's rule": not JSON.
  if (values.cashRounding !== undefined) {
    params.push(values.cashRounding);
    sets.push(`cash_rounding = $${params.length}::int`);
  }
  await db.query(`UPDATE organisations SET ${sets.join(', ')} WHERE id = $1`, params);
}

/**
 * Gives every venue of the organisation the next change position: terminals pull the receipt header
 * and the reason lists with their venue, so a new header or list reaches them with the next pull.
 */
export async function resendVenues(db: Queryable, orgId: string): Promise<void> {
  await db.query(`WITH ${positionCte()} UPDATE venues SET change_pos = ${NEXT_POS} WHERE org_id = $1`, [
    orgId,
  ]);
}
