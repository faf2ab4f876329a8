import type { Db } from '../../src-main/db/connection';
import { upsertCatalogue } from '../../src-main/db/repos/catalogue-repo';

/**
 * Two gift voucher products straight into a terminal's catalogue, as a pull would bring them: one of
 * 50.00 valid 30 days, and one sold at an open amount (unitPrice 0) valid the default time.
 */
export function addVoucherProducts(db: Db, ids: { fixed50: string; open: string }): void {
  upsertCatalogue(db, 'products', [
    {
      id: ids.fixed50,
      kind: 'voucher',
      name: 'Gift 50',
      unitPrice: 5000,
      vatRate: 0,
      category: null,
      inventoryItemId: null,
      eventId: null,
      voucherDays: 30,
    },
    {
      id: ids.open,
      kind: 'voucher',
      name: 'Gift',
      unitPrice: 0,
      vatRate: 0,
      category: null,
      inventoryItemId: null,
      eventId: null,
    },
  ]);
}
