import type { Queryable } from '../database';

// Claims on a sale's units by a terminal about to refund them (migrations/server/0026_refund_claims.sql,
// docs/ORDERS.md "Refunds at another window"). Callers hold the sale's row lock (lockSale), which
// orders every claim and refund of one sale.

/** Unit keys are "lineId:unitIndex", as pos-ledger-repo's refundedUnits gives them. */
const KEY = "line_id || ':' || unit_index";

/**
 * Claims the units for `claimId` unless another live claim holds one of them: a lapsed claim, or this
 * claim itself (a resend), is taken over. Returns how many units it holds now.
 */
export async function claimUnits(
  db: Queryable,
  c: {
    orgId: string;
    saleId: string;
    claimId: string;
    terminalId: string;
    units: readonly { lineId: string; unitIndex: number }[];
    now: string;
    expiresAt: string;
  },
): Promise<number> {
  const rows = await db.query(
    `INSERT INTO refund_claims AS rc (org_id, sale_id, line_id, unit_index, claim_id, terminal_id, created_at, expires_at)
     SELECT $1, $2, u.line_id, u.unit_index, $3, $4, $5, $6
     FROM unnest($7::text[], $8::int[]) AS u (line_id, unit_index)
     ON CONFLICT (sale_id, line_id, unit_index) DO UPDATE
       SET claim_id = EXCLUDED.claim_id, terminal_id = EXCLUDED.terminal_id, created_at = EXCLUDED.created_at,
         expires_at = EXCLUDED.expires_at
       WHERE rc.expires_at <= EXCLUDED.created_at OR rc.claim_id = EXCLUDED.claim_id
     RETURNING 1`,
    [
      c.orgId,
      c.saleId,
      c.claimId,
      c.terminalId,
      c.now,
      c.expiresAt,
      c.units.map((u) => u.lineId),
      c.units.map((u) => u.unitIndex),
    ],
  );
  return rows.length;
}

/** Of these unit keys, those another terminal's live claim holds. */
export async function claimedByOthers(
  db: Queryable,
  saleId: string,
  terminalId: string,
  keys: readonly string[],
  now: string,
): Promise<string[]> {
  const rows = await db.query<{ key: string }>(
    `SELECT ${KEY} AS key FROM refund_claims
     WHERE sale_id = $1 AND terminal_id <> $2 AND expires_at > $3 AND ${KEY} = ANY($4::text[])`,
    [saleId, terminalId, now, [...keys]],
  );
  return rows.map((r) => r.key);
}

/** A refund that arrived consumes its terminal's claims on its units. */
export async function releaseClaims(
  db: Queryable,
  saleId: string,
  terminalId: string,
  keys: readonly string[],
): Promise<void> {
  await db.query(
    `DELETE FROM refund_claims WHERE sale_id = $1 AND terminal_id = $2 AND ${KEY} = ANY($3::text[])`,
    [saleId, terminalId, [...keys]],
  );
}
