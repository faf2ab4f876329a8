import { OFFLINE_CUSTOMER_DAYS } from '../../../shared/customers/offline';
import type { Queryable } from '../database';
import { isUuid } from '../uuid';
import { NEXT_POS, positionCte } from './change-pos';

// The customers a terminal holds for offline search and rules (docs/CUSTOMERS.md "At the terminal"):
// SQL for pull's customer source (pull-repo.ts), over `customers c`, and the position bump that sends a
// customer again. `now` is the pull's parameter holding the server's time.

const usedACode = `EXISTS (SELECT 1 FROM redemptions r WHERE r.org_id = c.org_id AND r.customer_id = c.id::text)`;
const groupCode = `EXISTS (SELECT 1 FROM codes k WHERE k.org_id = c.org_id AND k.status = 'active'
    AND k.parent_id IS NULL AND NOT k.is_parent AND k.rules->'customerGroups' ?| c.groups)`;
const lastOrder = `(SELECT max(s.created_at) FROM pos_sales s
    WHERE s.org_id = c.org_id AND s.payload->'sale'->>'customerId' = c.id::text)`;

/** Has a personal code (used one, or one for their groups), or an order in OFFLINE_CUSTOMER_DAYS days. */
export const OFFLINE_CUSTOMER_SUBSET = (now: string) =>
  `(${usedACode} OR ${groupCode}
    OR ${lastOrder} > ${now}::timestamptz - interval '${OFFLINE_CUSTOMER_DAYS} days')`;

/** The row as shared/customers/offline.ts describes it; completedOrders as customer-history-repo counts. */
export const offlineCustomerColumns = (now: string) => `c.name, c.email, c.phone, c.groups,
  c.email_consent AS "emailConsent",
  ((SELECT count(*) FROM pos_sales s
     WHERE s.org_id = c.org_id AND s.payload->'sale'->>'customerId' = c.id::text AND s.status = 'completed')
   + (SELECT count(*) FROM redemptions r
     WHERE r.org_id = c.org_id AND r.customer_id = c.id::text AND NOT r.pos_sale AND r.released_at IS NULL)
  )::int AS "completedOrders",
  ${lastOrder} AS "lastOrderAt",
  (${usedACode} OR ${groupCode}) AND ${now}::text IS NOT NULL AS "hasCodes"`;

/** A pushed sale named this customer: their counts changed, so terminals get the row again. */
export async function touchCustomer(db: Queryable, orgId: string, customerId: string): Promise<void> {
  if (!isUuid(customerId)) return; // a name typed at an older terminal: not a stored customer
  await db.query(
    `WITH ${positionCte()}
     UPDATE customers SET change_pos = ${NEXT_POS} WHERE org_id = $1 AND id = $2::uuid`,
    [orgId, customerId],
  );
}
