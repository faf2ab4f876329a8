import type { ReasonLists } from '../../shared/cash/reasons';
import type { CompView } from '../../shared/ipc/domains/sell';
import type { Result } from '../../shared/result';
import type { Translate } from '../messages';
import { checkReason } from './reasons';

// Comps in the cart (docs/CASH.md "Comps"): units of a line given away with a reason, allowed by the
// seller (holding sale.comp) or a supervisor's PIN. A comped unit is taken out of the basket the engine
// prices, so it takes no code discount, uses no code use and no custom discount; the sale records it at
// its full price in `comp` (build-sale-record.ts).

export interface CompGrant {
  lineId: string;
  /** Units of the line comped: its last ones (a seated line's last seats). */
  qty: number;
  reason: string;
  note: string | null;
  approverId: string;
  approverName: string;
}

/** Units of the line comped, never more than it holds now (its quantity may have dropped since). */
export function compedQty(comps: readonly CompGrant[], line: { id: string; qty: number }): number {
  const comp = comps.find((c) => c.lineId === line.id);
  return comp ? Math.min(comp.qty, line.qty) : 0;
}

/** The lines as the engine prices them: without their comped units, a line comped whole left out. */
export function paidLines<L extends { id: string; qty: number }>(
  lines: readonly L[],
  comps: readonly CompGrant[],
): L[] {
  if (comps.length === 0) return [...lines];
  return lines
    .map((line) => ({ ...line, qty: line.qty - compedQty(comps, line) }))
    .filter((line) => line.qty > 0);
}

/** The comps of lines still in the cart, each capped at its line's quantity. */
export function liveComps(
  comps: readonly CompGrant[],
  lines: readonly { id: string; qty: number }[],
): CompGrant[] {
  return comps.flatMap((comp) => {
    const line = lines.find((l) => l.id === comp.lineId);
    return line ? [{ ...comp, qty: Math.min(comp.qty, line.qty) }] : [];
  });
}

/** The comp reason as listed, or the sentence that names the choices. */
export function compReason(lists: ReasonLists | undefined, reason: string, t: Translate): Result<string> {
  return checkReason(lists, 'comp', reason, t, 'COMP_REASON_NOT_LISTED');
}

/** The approvals the comps need: one per approver and reason, with the lines each covers. */
export function compApprovals(
  comps: readonly CompGrant[],
): { approverId: string; reason: string; lineIds: string[] }[] {
  const groups = new Map<string, { approverId: string; reason: string; lineIds: string[] }>();
  for (const comp of comps) {
    const key = JSON.stringify([comp.approverId, comp.reason]);
    const group = groups.get(key) ?? { approverId: comp.approverId, reason: comp.reason, lineIds: [] };
    group.lineIds.push(comp.lineId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** What the comps give away: each comped unit at its full price. */
export function compValue(
  lines: readonly { id: string; qty: number; unitPrice: number }[],
  comps: readonly CompGrant[],
): number {
  return lines.reduce((n, line) => n + compedQty(comps, line) * line.unitPrice, 0);
}

/** A line's comp as the till shows it; nothing without one. */
export function compView(comps: readonly CompGrant[], lineId: string): { comped?: CompView } {
  const comp = comps.find((c) => c.lineId === lineId);
  return comp
    ? { comped: { qty: comp.qty, reason: comp.reason, note: comp.note, approvedBy: comp.approverName } }
    : {};
}
