import { channels as c } from '../../shared/ipc/channels';
import { ok } from '../../shared/result';
import type { CartService } from '../services/cart-service';
import type { StaffService } from '../services/staff-service';
import type { SyncService } from '../services/sync/sync-service';
import type { Handlers } from './dispatcher';

type SyncChannel = (typeof c.sync)[keyof typeof c.sync];

/** Sync status for anyone signed in; enrolment only with terminals.enrol (access.ts). */
export function createSyncHandlers(deps: {
  sync: SyncService;
  staff: StaffService;
  cart: CartService;
}): Pick<Handlers, SyncChannel> {
  const { sync, staff, cart } = deps;
  return {
    [c.sync.status]: () => ok(sync.status()),
    [c.sync.enrol]: async (r) => {
      const enrolled = await sync.enrol(r.enrolmentCode, r.name);
      // The staff list is now the server's: whoever enrolled signs in again with their server PIN.
      if (enrolled.ok) {
        staff.signOut();
        cart.reset();
      }
      return enrolled;
    },
    [c.sync.now]: () => sync.syncNow(),
  };
}
