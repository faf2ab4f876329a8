import type { Usage } from '../discounts';
import type { CustomerCodeUsage } from './history';

/**
 * The server's per-customer counts of one code plus the uses a terminal made that the server had not
 * counted yet (docs/CUSTOMERS.md "At the terminal"): per event and performance key by key.
 */
export function addCustomerUsage(server: CustomerCodeUsage, here: CustomerCodeUsage): CustomerCodeUsage {
  const sum = (a: Record<string, number>, b: Record<string, number>) => {
    const out: Record<string, number> = { ...a };
    for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + n;
    return out;
  };
  return {
    customerUses: server.customerUses + here.customerUses,
    customerItemUses: server.customerItemUses + here.customerItemUses,
    customerUsesByEvent: sum(server.customerUsesByEvent, here.customerUsesByEvent),
    customerUsesBySchedule: sum(server.customerUsesBySchedule, here.customerUsesBySchedule),
  } satisfies Partial<Usage>;
}
