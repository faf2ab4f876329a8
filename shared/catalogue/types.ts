import type { Bp, Minor } from '../discounts';

// What a ticket window sells. The server owns it; terminals hold a synced copy. Ids are UUIDs.

export interface Venue {
  id: string;
  name: string;
  /** ISO 4217; every price of the venue is in this currency. */
  currency: string;
  timezone: string;
}

export interface EventRecord {
  id: string;
  venueId: string;
  name: string;
  description: string;
  category: string | null;
}

export interface Performance {
  id: string;
  eventId: string;
  /** ISO instant of curtain-up; performance-relative code windows count from it. */
  startsAt: string;
  capacity: number;
  status: 'on_sale' | 'off_sale' | 'cancelled';
  /** The seat map it uses (docs/SEATING.md); null: unseated. Absent from an older server. */
  seatMapId?: string | null;
  /**
   * Overuses that may be granted on its sales per business day (docs/CASH.md "Overuse caps"); null: no
   * cap. Absent from an older server.
   */
  overuseCap?: number | null;
}

/** Where in the house: Stalls, Circle, Gallery. */
export interface PriceBand {
  id: string;
  eventId: string;
  name: string;
}

/** Who the ticket is for: Adult, Child, Concession. */
export interface TicketType {
  id: string;
  eventId: string;
  name: string;
}

/** A ticket price; a performance-specific row overrides the event-wide one (performanceId null). */
export interface TicketPrice {
  id: string;
  eventId: string;
  performanceId: string | null;
  ticketTypeId: string;
  priceBandId: string;
  unitPrice: Minor;
  vatRate: Bp;
}

/**
 * Add-ons, merchandise, fees and gift vouchers. Fees are never discounted; a voucher is money, not
 * merchandise (docs/CASH.md "Gift vouchers"): never discounted, VAT 0, and a unitPrice of 0 is an open
 * amount typed at the window.
 */
export interface Product {
  id: string;
  kind: 'addon' | 'merch' | 'fee' | 'voucher';
  name: string;
  unitPrice: Minor;
  vatRate: Bp;
  category: string | null;
  inventoryItemId: string | null;
  /** Add-ons may belong to one event; null = sold with anything. */
  eventId: string | null;
  /** A voucher's validity in days (1–3650); undefined: DEFAULT_VOUCHER_DAYS. Other kinds have none. */
  voucherDays?: number;
}
