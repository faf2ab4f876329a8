import type { PrinterFault } from '../../../shared/ipc/domains/printing';

// ESC/POS real-time status (DLE EOT n). The printer answers each query with one byte at once, even when
// it is offline, so the queue can tell "out of paper" from "not there" before it sends a job.

/** DLE EOT 1 (printer), DLE EOT 2 (offline cause), DLE EOT 4 (roll paper sensor). */
export const STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
export const STATUS_REPLY_LENGTH = 3;

/** Every status byte has bit 1 and bit 4 set and bits 0 and 7 clear. */
const isStatusByte = (b: number) => (b & 0x93) === 0x12;

/** The fault the three status bytes report, or null if the printer can print. */
export function faultFromStatus(reply: Uint8Array): PrinterFault | null {
  const [printer = 0x12, cause = 0x12, paper = 0x12] = reply;
  if (![printer, cause, paper].every(isStatusByte)) return 'NO_STATUS';
  // Paper end shows on the roll sensor (bits 5–6) or as the reason printing stopped (bit 5).
  if ((paper & 0x60) !== 0 || (cause & 0x20) !== 0) return 'PAPER_END';
  if ((cause & 0x04) !== 0) return 'COVER_OPEN';
  if ((printer & 0x08) !== 0) return 'OFFLINE';
  return null;
}

/** The roll sensor sees the end of the roll coming (bits 2–3): printing works, the roll wants changing soon. */
export function paperNearEnd(reply: Uint8Array): boolean {
  const paper = reply[2] ?? 0x12;
  return (paper & 0x93) === 0x12 && (paper & 0x0c) !== 0;
}
