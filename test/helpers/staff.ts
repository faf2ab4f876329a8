import type { Db } from '../../src-main/db/connection';
import { upsertRole, upsertStaff } from '../../src-main/db/repos/staff-repo';
import { hashPin } from '../../src-main/services/pin';

/** Rita, whose role may sell and refund but not approve (no tender override, no comp). */
export async function addRefunder(db: Db): Promise<{ staffId: string; pin: string }> {
  upsertRole(db, {
    id: 'refunder',
    name: 'Refunder',
    permissions: ['sell', 'refund'],
    customDiscountCeiling: { percent: 0, amount: 0 },
    overuseCap: null,
  });
  upsertStaff(db, {
    id: 'staff-rita',
    name: 'Rita Refunder',
    roleId: 'refunder',
    pinHash: await hashPin('4710'),
    active: true,
  });
  return { staffId: 'staff-rita', pin: '4710' };
}
