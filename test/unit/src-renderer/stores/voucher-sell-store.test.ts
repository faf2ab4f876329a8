// The bridge is imported first: it puts window.pos in place before the stores' api module reads it.
import { answerLeftovers, connectHeld, settle, type HeldCall } from './bridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels } from '../../../../shared/ipc/channels';
import type { VoucherCheckView } from '../../../../shared/ipc/domains/sell';
import { useSellStore } from '../../../../src-renderer/stores/sell-store';

// docs/CASH.md "Gift vouchers" at the window: the sell store sends a voucher product's request as the
// contract has it, and a refusal lands where it is read: in the dialog that asked, or under the cart.

const sell = () => useSellStore.getState();
const refusal = { ok: false as const, reason: 'VALIDATION', message: 'Enter the voucher amount.' };

describe('the sell store: gift vouchers', () => {
  let held: HeldCall[];
  beforeEach(() => {
    held = connectHeld();
  });
  afterEach(async () => {
    await answerLeftovers(held, refusal);
    sell().reset();
  });

  it('sends an open-amount voucher with its amount, and keeps a refusal from the dialog off the cart', async () => {
    const added = sell().addVoucher({ productId: 'product-gift', qty: 2, amount: 2500 }, true);
    expect(held.map((c) => [c.channel, c.request])).toEqual([
      [channels.cart.addVoucher, { productId: 'product-gift', qty: 2, amount: 2500 }],
    ]);
    held[0]!.answer(refusal);
    expect(await added).toMatchObject({ reason: 'VALIDATION', message: 'Enter the voucher amount.' });
    expect(sell().error).toBeNull();
  });

  it('shows the refusal of a fixed voucher chosen straight from the catalogue under the cart', async () => {
    const added = sell().addVoucher({ productId: 'product-gift-50', qty: 1 }, false);
    expect(held[0]?.request).toEqual({ productId: 'product-gift-50', qty: 1 });
    held[0]!.answer(refusal);
    await added;
    await settle();
    expect(sell().error).toBe('Enter the voucher amount.');
  });

  it('answers a balance check with the core’s view as it came', async () => {
    const view: VoucherCheckView = {
      voucherId: '0190f000-0000-7000-8000-000000000001',
      currency: 'EUR',
      amount: 5000,
      expiresAt: '2027-12-07T00:00:00.000Z',
      expired: false,
      status: 'active',
      balance: 4000,
      live: false,
      spendableHere: 1500,
    };
    const checked = sell().checkVoucher('CODE');
    expect(held.map((c) => [c.channel, c.request])).toEqual([[channels.vouchers.check, { code: 'CODE' }]]);
    held[0]!.answer({ ok: true, value: view });
    expect(await checked).toEqual({ ok: true, value: view });
  });
});
