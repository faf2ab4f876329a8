import fc from 'fast-check';
import { CASH_MOVEMENT_KINDS, type CashMovementKind } from '../../shared/cash/movements';

// The simulation's vocabulary. A step is plain data (indices are taken modulo what exists when it
// runs), so fast-check can generate, print and shrink a failing run as an ordinary array.

export type Step =
  | {
      t: 'sell';
      node: number;
      lines: { offer: number; qty: number }[];
      /** Index into the sim codes; null: no code. */
      code: number | null;
      customer: number;
      /** Cash share of the total in percent; the card pays the rest. */
      cashPercent: number;
      overuse: boolean;
    }
  /** A queue at one window: several sales in a row, each from `offer` on, every other one with a code. */
  | { t: 'rush'; node: number; sales: number; offer: number; code: number | null }
  /** `seated`: a unit with a seat (refund) or a sale with one (void), when the window has any. */
  | { t: 'refund'; node: number; pick: number; seated?: boolean }
  | { t: 'void'; node: number; pick: number; seated?: boolean }
  /**
   * A seated sale (sim-seats.ts): the seats picked on the map (`picks` index the seats on offer), from
   * the window's leases, again among those it sold, or by best available (in one band, or any); then
   * bought, bought after giving the first seat back, or the cart cleared.
   */
  | {
      t: 'seats';
      node: number;
      performance: number;
      how: 'pick' | 'leased' | 'again' | 'best';
      picks: number[];
      band: number | null;
      ticketType: number;
      then: 'buy' | 'unpick' | 'clear';
      cashPercent: number;
    }
  | { t: 'shift'; node: number }
  /** Cash through the drawer without a sale (docs/CASH.md); a paid out may be refused for want of cash. */
  | { t: 'cash'; node: number; kind: CashMovementKind; amount: number }
  /**
   * docs/CASH.md "Comps": a sale with some units of its first line, that whole line, or the whole order
   * given away with a listed reason (`reason` indexes the organisation's comp list), then paid for
   * (the complimentary tender when nothing is left to pay).
   */
  | {
      t: 'comp';
      node: number;
      lines: { offer: number; qty: number }[];
      what: 'units' | 'line' | 'order';
      reason: number;
      code: number | null;
      cashPercent: number;
    }
  /**
   * docs/CASH.md "Gift vouchers": `sell` sells one of `amount` for cash; `spend` pays `part` per cent of
   * what this window can take of a voucher sold earlier (`pick`) towards a ticket, the rest by card.
   */
  | { t: 'voucher'; node: number; action: 'sell' | 'spend'; amount: number; pick: number; part: number }
  /** A manager puts the window in training, a ticket is sold there (docs/CASH.md), training ends. */
  | { t: 'training'; node: number; offer: number }
  | { t: 'push' | 'pull' | 'topUp' | 'expire'; node: number }
  | { t: 'deliver' | 'drop' | 'duplicate'; pick: number }
  | { t: 'deliverAll' }
  | { t: 'partition' | 'unpartition'; node: number }
  | { t: 'crash'; node: number }
  | { t: 'serverCrash' | 'serverRestart' }
  | { t: 'dbFault'; after: number }
  /**
   * The server process dies during a push: its database fails after `after` statements (or the batch
   * commits first), and the answer never reaches the terminal unless `answered`.
   */
  | { t: 'pushCrash'; node: number; after: number; answered: boolean }
  /**
   * A mutation the server can never apply reaches a terminal's outbox (as an older or faulty build
   * would write it): a payload of the wrong shape, or text the database cannot store.
   */
  | { t: 'poison'; node: number; kind: 'shape' | 'text' }
  /** The terminal's disk fills up while it writes `table` during a sale: the write fails. */
  | { t: 'diskFull'; node: number; table: number; offer: number }
  | { t: 'tick'; minutes: number }
  | { t: 'skew'; node: number; minutes: number }
  | { t: 'backup'; node: number }
  /**
   * `idle` (scenarios only): the till makes no sale after the restore, as when the hall is sold out,
   * so the restored store has nothing to push.
   */
  | { t: 'restore'; node: number; idle?: boolean }
  | {
      t: 'catalogue';
      change: 'newPerformance' | 'raiseMaxUses' | 'raiseCapacity' | 'webRedemption' | 'generateCodes';
    }
  /** A door scans a printed ticket (`tamper`: with one character of its barcode changed). */
  | { t: 'scan'; door: number; pick: number; tamper: boolean }
  /** A terminal in Door mode scans a printed ticket, online or not, as the network lets it. */
  | { t: 'doorScan'; node: number; pick: number; tamper: boolean };

const node = fc.nat({ max: 7 });
const pick = fc.nat({ max: 63 });

const sell = fc.record({
  t: fc.constant('sell' as const),
  node,
  lines: fc.array(fc.record({ offer: fc.nat({ max: 15 }), qty: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 2,
  }),
  code: fc.option(fc.nat({ max: 4 }), { nil: null }),
  customer: fc.nat({ max: 2 }),
  cashPercent: fc.constantFrom(0, 33, 50, 100),
  overuse: fc.boolean(),
});

const rush = fc.record({
  t: fc.constant('rush' as const),
  node,
  sales: fc.integer({ min: 8, max: 20 }),
  offer: fc.nat({ max: 15 }),
  code: fc.option(fc.nat({ max: 4 }), { nil: null }),
});

const seats = fc.record({
  t: fc.constant('seats' as const),
  node,
  performance: fc.nat({ max: 1 }),
  how: fc.constantFrom(
    'pick' as const,
    'pick' as const,
    'leased' as const,
    'again' as const,
    'best' as const,
  ),
  picks: fc.array(fc.nat({ max: 31 }), { minLength: 1, maxLength: 3 }),
  band: fc.option(fc.nat({ max: 1 }), { nil: null }),
  ticketType: fc.nat({ max: 1 }),
  then: fc.oneof(
    { arbitrary: fc.constant('buy' as const), weight: 6 },
    fc.constantFrom('unpick' as const, 'clear' as const),
  ),
  cashPercent: fc.constantFrom(0, 50, 100),
});

/**
 * Weighted so that every run sells a lot (queues at the windows), syncs and loses messages, and so
 * that each fault path (docs/SYNC.md, "How strong the simulation is") is reached in a good share of
 * runs: poison, server crashes mid-push, disk faults, clocks set back, restores.
 */
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: sell, weight: 12 },
  { arbitrary: rush, weight: 18 },
  {
    arbitrary: fc.record({
      t: fc.constant('pushCrash' as const),
      node,
      after: fc.nat({ max: 24 }),
      answered: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ t: fc.constant('poison' as const), node, kind: fc.constantFrom('shape', 'text') }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('diskFull' as const),
      node,
      table: fc.nat({ max: 7 }),
      offer: fc.nat({ max: 15 }),
    }),
    weight: 2,
  },
  { arbitrary: seats, weight: 10 },
  {
    arbitrary: fc.record({
      t: fc.constant('comp' as const),
      node,
      lines: fc.array(fc.record({ offer: fc.nat({ max: 15 }), qty: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 1,
        maxLength: 2,
      }),
      what: fc.constantFrom('units' as const, 'line' as const, 'order' as const),
      reason: fc.nat({ max: 2 }),
      code: fc.option(fc.nat({ max: 4 }), { nil: null }),
      cashPercent: fc.constantFrom(0, 50, 100),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constantFrom('refund' as const, 'void' as const),
      node,
      pick,
      seated: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ t: fc.constant('shift' as const), node }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('cash' as const),
      node,
      kind: fc.constantFrom(...CASH_MOVEMENT_KINDS),
      amount: fc.integer({ min: 1, max: 20_000 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ t: fc.constant('training' as const), node, offer: fc.nat({ max: 15 }) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('voucher' as const),
      node,
      action: fc.constantFrom('sell' as const, 'spend' as const, 'spend' as const),
      amount: fc.constantFrom(1000, 2500, 5000),
      pick,
      part: fc.constantFrom(25, 50, 100),
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ t: fc.constantFrom('push' as const, 'pull' as const), node }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constantFrom('topUp' as const, 'expire' as const), node }), weight: 4 },
  {
    arbitrary: fc.record({
      t: fc.constantFrom('deliver' as const, 'drop' as const, 'duplicate' as const),
      pick,
    }),
    weight: 12,
  },
  { arbitrary: fc.constant({ t: 'deliverAll' as const }), weight: 3 },
  {
    arbitrary: fc.record({ t: fc.constantFrom('partition' as const, 'unpartition' as const), node }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('crash' as const), node }), weight: 2 },
  { arbitrary: fc.constantFrom({ t: 'serverCrash' as const }, { t: 'serverRestart' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('dbFault' as const), after: fc.nat({ max: 12 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('tick' as const),
      // Now and then past the venue's 04:00, when every lease of the business day ends.
      minutes: fc.oneof({ arbitrary: fc.integer({ min: 5, max: 240 }), weight: 5 }, fc.constant(1200)),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('skew' as const),
      node,
      minutes: fc.oneof(
        fc.integer({ min: -1800, max: -30 }),
        fc.integer({ min: 30, max: 1800 }),
        fc.constant(0),
      ),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constantFrom('backup' as const, 'restore' as const), node }), weight: 4 },
  {
    arbitrary: fc.record({
      t: fc.constant('scan' as const),
      door: fc.nat({ max: 2 }),
      pick,
      // One scan in five reads a damaged or forged barcode.
      tamper: fc.nat({ max: 4 }).map((n) => n === 0),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('doorScan' as const),
      node,
      pick,
      tamper: fc.nat({ max: 4 }).map((n) => n === 0),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('catalogue' as const),
      change: fc.constantFrom(
        'newPerformance' as const,
        'raiseMaxUses' as const,
        'raiseCapacity' as const,
        'webRedemption' as const,
        // Child codes are written by one statement, so many rows share a change position: pull pages
        // end inside such a tie.
        'generateCodes' as const,
      ),
    }),
    weight: 3,
  },
);

export const stepsArb = (min: number, max: number): fc.Arbitrary<Step[]> =>
  fc.array(stepArb, { minLength: min, maxLength: max });

/** One line per step, for the failure report. */
export function describeStep(step: Step): string {
  return JSON.stringify(step);
}
