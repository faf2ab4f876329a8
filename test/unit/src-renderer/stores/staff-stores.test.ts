// The bridge is imported first: it puts window.pos in place before the stores' api module reads it.
import { connectTerminal } from './bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRefundStore } from '../../../../src-renderer/stores/refund-store';
import { useSellStore } from '../../../../src-renderer/stores/sell-store';
import { can, noteFailure, useSessionStore } from '../../../../src-renderer/stores/session-store';
import { useShiftStore } from '../../../../src-renderer/stores/shift-store';
import type { TestTerminal } from '../../../helpers/terminal';

// The session, shift and refund stores against a real terminal made in this process.

const session = () => useSessionStore.getState();
const shift = () => useShiftStore.getState();
const refunds = () => useRefundStore.getState();

describe('the session, shift and refund stores', () => {
  let pos: TestTerminal;
  let staffId: (name: string) => string;
  beforeEach(async () => {
    pos = await connectTerminal();
    await session().load();
    staffId = (name) => session().staff.find((s) => s.name === name)!.id;
  });
  afterEach(async () => {
    if (session().session) await session().signOut();
    shift().reset();
    refunds().clear();
    useSellStore.getState().reset();
    await pos.close();
  });

  it('keeps a wrong PIN out with the core’s sentence, then signs in on the sell screen', async () => {
    expect(await session().signIn(staffId('Sam Seller'), '0000')).toBe(false);
    expect(session()).toMatchObject({ session: null, busy: false });
    expect(session().error).toEqual(expect.any(String));

    session().setView('shift');
    expect(await session().signIn(staffId('Sam Seller'), '4826')).toBe(true);
    expect(session()).toMatchObject({ busy: false, error: null, view: 'sell' });
    expect(can(session().session, 'sell')).toBe(true);
    expect(can(session().session, 'refund')).toBe(false);
    expect(can(null, 'sell')).toBe(false);
  });

  it('shows the lock screen when any call answers SESSION_LOCKED, and only for a signed-in person', async () => {
    noteFailure({ reason: 'SESSION_LOCKED', message: 'Locked.' });
    expect(session().session).toBeNull();
    await session().signIn(staffId('Sam Seller'), '4826');
    noteFailure({ reason: 'FORBIDDEN', message: 'Not for you.' });
    expect(session().session?.locked).toBe(false);
    noteFailure({ reason: 'SESSION_LOCKED', message: 'Locked.' });
    expect(session()).toMatchObject({ session: { locked: true }, error: 'Locked.' });
  });

  it('opens a shift, closes it to its Z report, and forgets both on reset', async () => {
    await session().signIn(staffId('Sue Supervisor'), '5937');
    await shift().load();
    expect(shift()).toMatchObject({ current: null, loaded: true });
    expect(await shift().open(10_000)).toBeNull();
    expect(shift().current).not.toBeNull();
    expect(await shift().close(10_000)).toBeNull();
    expect(shift().current).toBeNull();
    expect(shift().closed).not.toBeNull();
    shift().reset();
    expect(shift()).toMatchObject({ current: null, loaded: false, closed: null, error: null });
  });

  it('finds a sale by receipt number, refunds a unit, and forgets the sale when a search fails', async () => {
    await session().signIn(staffId('Sue Supervisor'), '5937');
    await shift().open(10_000);
    const sell = useSellStore.getState();
    await sell.selectPerformance('perf-hamlet-1');
    await useSellStore.getState().addTicket('price-hamlet-adult-stalls');
    const cart = useSellStore.getState().cart!;
    expect(await sell.checkout([{ tender: 'cash', amount: cart.total }])).toBeNull();
    const sold = useSellStore.getState().lastSale!;

    expect(await refunds().find(sold.sale.receiptNo)).toBe(true);
    const { lineId, unitIndex } = refunds().sale!.units[0]!;
    const unit = { lineId, unitIndex };
    const refused = await refunds().refund([unit], { reason: '' }, 'cash', '');
    expect(refused?.reason).toBe('INVALID_REQUEST');
    expect(refused?.message).toContain('reason');
    const unlisted = await refunds().refund([unit], { reason: 'Cannot attend' }, 'cash', '');
    expect(unlisted?.reason).toBe('REASON_NOT_LISTED');
    expect(refunds().done).toBeNull();

    const picked = { reason: 'Customer request', note: 'cannot attend' };
    expect(await refunds().refund([unit], picked, 'cash', '')).toBeNull();
    expect(refunds().done).toBe('refund');
    expect(refunds().sale!.units[0]!.refundId).not.toBeNull();

    expect(await refunds().find(sold.sale.receiptNo + 100)).toBe(false);
    expect(refunds()).toMatchObject({ sale: null, done: null });
    expect(refunds().findError).toEqual(expect.any(String));
  });
});
