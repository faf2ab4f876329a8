import type { Bp, Minor } from '../discounts';

/** Everything a role can be allowed to do; the terminal and the server enforce the same list. */
export const PERMISSIONS = [
  'sell',
  /** Sell while the server does not answer (docs/CASH.md "Offline limits"). */
  'sell.offline',
  'discount.custom',
  'overuse.grant',
  'custom.approve',
  'refund',
  'void',
  'shift.close',
  /** Paid in, paid out, cash drop and float change (docs/CASH.md). */
  'cash.move',
  /** "No sale": open the drawer without a sale. */
  'drawer.open',
  /** Sell on a terminal offline for longer than its limit (docs/CASH.md "Offline limits"). */
  'offline.approve',
  /** Give a line or the whole order away, with a reason (docs/CASH.md "Comps"). */
  'sale.comp',
  'codes.manage',
  'catalogue.manage',
  'staff.manage',
  'customers.manage',
  'reports.view',
  'terminals.enrol',
  'audit.view',
  'tickets.check',
  'tickets.duplicate',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export interface RoleDefinition {
  /** Stable key, e.g. 'seller'; custom roles get their own. Codes' boxOffice.roles name these. */
  id: string;
  name: string;
  permissions: Permission[];
  /** Largest ad-hoc discount this role may give alone, per order; above it a supervisor approves. */
  customDiscountCeiling: { percent: Bp; amount: Minor };
  /**
   * The most overuse grants a holder may give per business day (shared/auth/overuse-cap.ts); null: no
   * cap. One grant is one sale or one online redemption that used overuse.
   */
  overuseCap: number | null;
  builtIn: boolean;
}

export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  {
    id: 'seller',
    name: 'Seller',
    permissions: ['sell', 'sell.offline', 'discount.custom'],
    customDiscountCeiling: { percent: 1000, amount: 500 },
    overuseCap: null,
    builtIn: true,
  },
  {
    id: 'supervisor',
    name: 'Supervisor',
    permissions: [
      'sell',
      'sell.offline',
      'discount.custom',
      'overuse.grant',
      'custom.approve',
      'refund',
      'void',
      'shift.close',
      'cash.move',
      'drawer.open',
      'offline.approve',
      'sale.comp',
      'reports.view',
      'tickets.check',
      'tickets.duplicate',
    ],
    customDiscountCeiling: { percent: 5000, amount: 5000 },
    overuseCap: null,
    builtIn: true,
  },
  {
    id: 'manager',
    name: 'Manager',
    permissions: [...PERMISSIONS],
    customDiscountCeiling: { percent: 10000, amount: Number.MAX_SAFE_INTEGER },
    overuseCap: null,
    builtIn: true,
  },
];

/** Whether a role holds a permission: the one test the terminal, its screens and the server's proof checks share. */
export function hasPermission(
  role: { readonly permissions: readonly Permission[] },
  permission: Permission,
): boolean {
  return role.permissions.includes(permission);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export type Grant = Pick<RoleDefinition, 'permissions' | 'customDiscountCeiling' | 'overuseCap'>;

/**
 * What `granted` carries beyond `granter`, one phrase each: permissions the granter lacks and limits
 * above the granter's own. Empty when the granter may hand it out. Nobody grants more than they hold,
 * or a staff manager could mint a role more powerful than theirs.
 */
export function grantExcess(granter: Grant, granted: Grant): string[] {
  const excess: string[] = granted.permissions
    .filter((p) => !granter.permissions.includes(p))
    .map((p) => `the permission ${p}`);
  const mine = granter.customDiscountCeiling;
  const theirs = granted.customDiscountCeiling;
  if (theirs.percent > mine.percent) {
    excess.push(`a custom-discount ceiling of ${theirs.percent / 100} % (yours is ${mine.percent / 100} %)`);
  }
  if (theirs.amount > mine.amount) {
    excess.push(
      `a custom-discount ceiling of ${theirs.amount} minor units (yours is ${mine.amount} minor units)`,
    );
  }
  // null is no cap: more than any number.
  const capMine = granter.overuseCap;
  const capTheirs = granted.overuseCap;
  if (capMine !== null && (capTheirs === null || capTheirs > capMine)) {
    excess.push(
      `${capTheirs === null ? 'no overuse cap' : `an overuse cap of ${capTheirs} a day`} (yours is ${capMine} a day)`,
    );
  }
  return excess;
}
