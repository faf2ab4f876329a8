import { create } from 'zustand';
import type { ReprintMode } from '../../shared/ipc/domains/tickets';
import type { SaleView } from '../../shared/ipc/types';
import { api } from '../api';
import type { Failure } from './sell-store';
import { noteFailure } from './session-store';
import { useTerminalStore } from './terminal-store';

export interface UnitRef {
  lineId: string;
  unitIndex: number;
}

/** A reason from the organisation's list and, when typed, a note (docs/CASH.md "Reasons"). */
export interface Picked {
  reason: string;
  note?: string;
}

interface RefundState {
  sale: SaleView | null;
  /** The core's sentence when the receipt number was not found. */
  findError: string | null;
  /** A sentence confirming the last refund or void. */
  done: string | null;
  find: (receiptNo: number) => Promise<boolean>;
  refund: (
    units: UnitRef[],
    picked: Picked,
    /**
     * null: as the sale was paid (a voucher's part back onto the voucher); 'voucher': onto a new gift
     * voucher (docs/CASH.md "Refunds onto a voucher").
     */
    tender: 'cash' | 'card' | 'voucher' | null,
    reference: string,
  ) => Promise<Failure | null>;
  voidSale: (picked: Picked, toVoucher?: boolean) => Promise<Failure | null>;
  /** Reprints the named tickets (all valid ones when empty); the count printed, or why not. */
  reprint: (mode: ReprintMode, ticketIds: string[]) => Promise<{ printed: number } | Failure>;
  clear: () => void;
}

export const useRefundStore = create<RefundState>()((set, get) => ({
  sale: null,
  findError: null,
  done: null,
  async find(receiptNo) {
    const result = await api.sales.find({ receiptNo });
    if (!result.ok) {
      noteFailure(result);
      set({ findError: result.message, sale: null, done: null });
      return false;
    }
    set({ sale: result.value, findError: null, done: null });
    return true;
  },
  async refund(units, picked, tender, reference) {
    const sale = get().sale;
    if (!sale) return null;
    const result = await api.sales.refund({
      saleId: sale.sale.id,
      units,
      ...picked,
      ...(tender !== null ? { tender } : {}),
      ...(reference !== '' ? { reference } : {}),
    });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ sale: result.value, done: 'refund' });
    void useTerminalStore.getState().refresh();
    return null;
  },
  async voidSale(picked, toVoucher = false) {
    const sale = get().sale;
    if (!sale) return null;
    const result = await api.sales.void({
      saleId: sale.sale.id,
      ...picked,
      ...(toVoucher ? { tender: 'voucher' as const } : {}),
    });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ sale: result.value, done: 'void' });
    void useTerminalStore.getState().refresh();
    return null;
  },
  async reprint(mode, ticketIds) {
    const sale = get().sale;
    if (!sale) return { printed: 0 };
    const result = await api.tickets.reprint({
      saleId: sale.sale.id,
      mode,
      ...(ticketIds.length > 0 ? { ticketIds } : {}),
    });
    if (!result.ok) {
      noteFailure(result);
      return result;
    }
    set({ sale: result.value.sale });
    // A new barcode wrote a ticket.reissue for the server: the status bar's count moves.
    void useTerminalStore.getState().refresh();
    return { printed: result.value.printed.length };
  },
  clear() {
    set({ sale: null, findError: null, done: null });
  },
}));
