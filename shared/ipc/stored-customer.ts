import { customerSchema } from './contract';
import type { CustomerInput } from './domains/sell';

/**
 * The customer a sale stores (`sales.customer`, JSON of CustomerInput as picked at the till), read back
 * for main (who to e-mail) and the screens (the address to offer); null when there is none or it no
 * longer parses.
 */
export function storedCustomer(json: string | null): CustomerInput | null {
  if (!json) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = customerSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
