import { channels as c } from '../../shared/ipc/channels';
import type { Catalogue } from './sync-fixture';
import type { TestTerminal } from './terminal';

/** Puts one seat of the catalogue's performance in a fresh cart with `code`, and asks `approverId` to let it past its limit. */
export async function askOveruse(
  pos: TestTerminal,
  catalogue: Catalogue,
  code: string,
  approver: { id: string; pin: string },
) {
  await pos.must(c.cart.clear);
  await pos.must(c.cart.addTicket, {
    performanceId: catalogue.performanceId,
    ticketPriceId: catalogue.ticketPriceId,
    qty: 1,
  });
  await pos.must(c.cart.applyCode, { input: code });
  return pos.call(c.cart.grantOveruse, {
    approverId: approver.id,
    pin: approver.pin,
    reason: 'Manager decision',
  });
}

/** Pays the cart in cash, to the cent. */
export async function payCash(pos: TestTerminal) {
  const cart = await pos.must(c.cart.get);
  return pos.must(c.checkout.complete, {
    cartId: cart.id,
    tenders: [{ tender: 'cash', amount: cart.total }],
  });
}
