import { connect } from 'node:net';
import type { PrinterSettings } from '../../../shared/ipc/domains/printing';
import type { CashMovementView } from '../../../shared/ipc/domains/shift';

// The cash drawer hangs on the receipt printer and opens on the printer's pulse command (ESC p). The
// pulse is sent on its own connection straight away and never queued: a drawer that springs open minutes
// later, when a printer that was off comes back, is worse than one that stays shut, and a cashier whose
// drawer did not open is told so and opens it with the key (docs/CASH.md "The drawer").

/** ESC p 0 25 250: pulse pin 2 for 50 ms, then wait 500 ms; what common drawers answer to. */
export const DRAWER_KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

/** What happened to the drawer: opened, not set up to open here, or the printer could not be reached. */
export type DrawerOutcome = CashMovementView['drawer'];

/** Sends the pulse to a network printer set to open the drawer; resolves once the printer took it. */
export function kickDrawer(settings: PrinterSettings, timeoutMs = 3_000): Promise<DrawerOutcome> {
  if (!settings.drawerKick || settings.output !== 'network' || !settings.host) return Promise.resolve('off');
  const host = settings.host;
  return new Promise((resolve) => {
    const socket = connect({ host, port: settings.port });
    let settled = false;
    const finish = (outcome: DrawerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('failed'), timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      socket.end(DRAWER_KICK, () => finish('opened'));
    });
    socket.on('error', () => finish('failed'));
    socket.on('close', () => finish('failed'));
  });
}
