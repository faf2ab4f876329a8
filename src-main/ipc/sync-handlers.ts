import { channels as c } from '../../shared/ipc/channels';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import { ok } from '../../shared/result';
import type { CartService } from '../services/cart-service';
import type { StaffService } from '../services/staff-service';
import type { SyncService } from '../services/sync/sync-service';
import type { Handlers } from './dispatcher';
import type { AsGuard } from './manage-handlers';

type SyncChannel = (typeof c.sync)[keyof typeof c.sync];

/** Sync status for anyone signed in; enrolment only with terminals.enrol, checked here in main. */
export function createSyncHandlers(
  deps: { sync: SyncService; staff: StaffService; cart: CartService },
  as: AsGuard,
): Pick<Handlers, SyncChannel> {
  const { sync, staff, cart } = deps;
  return {
    [c.sync.status]: as(undefined, () => ok(sync.status())),
    [c.sync.enrol]: as('terminals.enrol', async (_a, r: ParsedRequestOf<typeof c.sync.enrol>) => {
      const enrolled = await sync.enrol(r.enrolmentCode, r.name);
      // The staff list is now the server's: whoever enrolled signs in again with their server PIN.
      if (enrolled.ok) {
        staff.signOut();
        cart.reset();
      }
      return enrolled;
    }),
    [c.sync.now]: as(undefined, () => sync.syncNow()),
  };
}
