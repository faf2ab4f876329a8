import { channels as c, type ChannelName } from '../../shared/ipc/channels';
import type { TransportReason } from '../../shared/ipc/contract';
import { err, type Err } from '../../shared/result';
import { storageFault } from '../db/storage-fault';
import type { MessageKey, Translate } from '../messages';

/** Channels that move money out of the drawer: the cashier must not pay out what was not recorded. */
const PAYING_OUT: ReadonlySet<ChannelName> = new Set([c.sales.refund, c.sales.void]);

/** Which sentence a failed write gets: what was not saved, and what to do with the money. */
function notSaved(channel: ChannelName): MessageKey {
  if (channel === c.checkout.complete) return 'STORAGE_SALE_NOT_SAVED';
  return PAYING_OUT.has(channel) ? 'STORAGE_REFUND_NOT_SAVED' : 'STORAGE_NOT_SAVED';
}

/**
 * The one place a full or failing disk becomes a sentence for staff (docs/OPERATIONS.md "Disk full").
 * Every write runs in one transaction that SQLite rolls back when the disk refuses it, so whatever
 * the channel was doing, nothing of it was saved; the dispatcher asks this before it falls back to its
 * generic failure. Null: not a storage error.
 */
export function storageFailure(t: Translate) {
  return (error: unknown, channel: ChannelName): Err<TransportReason> | null => {
    const fault = storageFault(error);
    if (!fault) return null;
    const cause = t(fault === 'full' ? 'STORAGE_CAUSE_FULL' : 'STORAGE_CAUSE_FAILED');
    return err(fault === 'full' ? 'STORAGE_FULL' : 'STORAGE_FAILED', t(notSaved(channel), { cause }));
  };
}
