import { describe, expect, it } from 'vitest';
import {
  compApprovals,
  compedQty,
  compValue,
  liveComps,
  paidLines,
  type CompGrant,
} from '../../../../src-main/services/cart-comps';

// The cart's comps (docs/CASH.md "Comps"): what the engine prices, and the approvals a sale records.

const grant = (lineId: string, qty: number, approverId = 'sue', reason = 'Press'): CompGrant => ({
  lineId,
  qty,
  reason,
  note: null,
  approverId,
  approverName: approverId,
});
const lines = [
  { id: 'a', qty: 3, unitPrice: 4500 },
  { id: 'b', qty: 1, unitPrice: 550 },
];

describe('cart comps', () => {
  it('prices only the units not comped, and leaves a line comped whole out of the basket', () => {
    expect(paidLines(lines, [grant('a', 2), grant('b', 1)])).toEqual([{ id: 'a', qty: 1, unitPrice: 4500 }]);
    expect(paidLines(lines, [])).toEqual(lines);
    expect(compValue(lines, [grant('a', 2), grant('b', 1)])).toBe(9550);
  });

  it('never comps more units than a line holds now, and forgets the comps of lines gone', () => {
    const comps = [grant('a', 5), grant('gone', 1)];
    expect(compedQty(comps, { id: 'a', qty: 3 })).toBe(3);
    expect(liveComps(comps, lines)).toEqual([grant('a', 3)]);
  });

  it('records one approval per approver and reason, naming the lines it covers', () => {
    const approvals = compApprovals([
      grant('a', 1),
      grant('b', 1),
      grant('c', 1, 'sue', 'Goodwill'),
      grant('d', 1, 'max'),
    ]);
    expect(approvals).toEqual([
      { approverId: 'sue', reason: 'Press', lineIds: ['a', 'b'] },
      { approverId: 'sue', reason: 'Goodwill', lineIds: ['c'] },
      { approverId: 'max', reason: 'Press', lineIds: ['d'] },
    ]);
  });
});
