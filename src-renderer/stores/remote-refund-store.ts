import { create } from 'zustand';
import type { RefundableOrder } from '../../shared/ipc/domains/sales';
import { api } from '../api';
import type { Picked, UnitRef } from './refund-store';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';
import { useTerminalStore } from './terminal-store';

// Refunding another terminal's order from the journal (docs/ORDERS.md "Refunds at another window"):
// the order as the server holds it, and the refund or void main makes of it through the server.

interface RemoteRefundState {
  order: RefundableOrder | null;
  /** Why the order cannot be refunded here, as main said it. */
  error: string | null;
  done: { kind: 'refund' | 'void'; refundNo: number; amount: number } | null;
  load: (saleId: string) => Promise<void>;
  refund: (
    units: UnitRef[],
    picked: Picked,
    /** null: as the sale was paid. */
    tender: 'cash' | 'card' | null,
    reference: string,
  ) => Promise<Failure | null>;
  voidSale: (picked: Picked) => Promise<Failure | null>;
  clear: () => void;
}

export const useRemoteRefundStore = create<RemoteRefundState>()((set, get) => {
  const settle = (
    kind: 'refund' | 'void',
    result: Awaited<ReturnType<typeof api.sales.refundElsewhere>>,
  ): Failure | null => {
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    const { order, refundNo, amount } = result.value;
    set({ order, done: { kind, refundNo, amount } });
    void useTerminalStore.getState().refresh();
    return null;
  };
  return {
    order: null,
    error: null,
    done: null,
    async load(saleId) {
      set({ order: null, error: null, done: null });
      const result = await api.sales.order({ saleId });
      if (!result.ok) {
        noteFailure(result);
        set({ error: result.message });
        return;
      }
      set({ order: result.value });
    },
    async refund(units, picked, tender, reference) {
      const order = get().order;
      if (!order) return null;
      const result = await api.sales.refundElsewhere({
        saleId: order.saleId,
        units,
        ...picked,
        ...(tender !== null ? { tender } : {}),
        ...(reference !== '' ? { reference } : {}),
      });
      return settle('refund', result);
    },
    async voidSale(picked) {
      const order = get().order;
      if (!order) return null;
      return settle('void', await api.sales.voidElsewhere({ saleId: order.saleId, ...picked }));
    },
    clear: () => set({ order: null, error: null, done: null }),
  };
});
