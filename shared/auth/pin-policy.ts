import type { Permission, RoleDefinition } from './permissions';

// The PIN policy, one place for the terminal and the server (docs/SECURITY.md, "PINs and offline
// guessing"). A PIN verifier lives on every terminal of the person's venues, so a stolen terminal
// store can be guessed offline at the speed of scrypt: length is the only thing that makes that slow
// enough, and people who can manage others (or what is sold) get a longer PIN than sellers.

/**
 * The scrypt cost of new PIN (and password) hashes on both sides: one offline guess costs one scrypt at
 * this cost. 128·N·r bytes = 64 MiB. Hashes carry their own N/r/p, so raising it never breaks old ones.
 */
export const SCRYPT_COST = { N: 65536, r: 8, p: 1 } as const;
/** Memory scrypt may take: room above 128·N·r for the cost above. */
export const SCRYPT_MAX_MEMORY = 160 * 1024 * 1024;

/** Wrong PINs in a row, on any terminals together, that lock a person out... */
export const PIN_LOCK_AFTER_FAILURES = 5;
/** ...for this long, unless a manager sets a new PIN first. */
export const PIN_LOCKOUT_MINUTES = 5;

export const PIN_MIN_DIGITS = 4;
export const PIN_MAX_DIGITS = 8;
export const MANAGER_PIN_MIN_DIGITS = 6;

/**
 * Holding any of these makes a role "managing": its PIN needs MANAGER_PIN_MIN_DIGITS. They change who
 * may sign in, what is sold and at what price, or which devices hold the data; the built-in manager
 * role holds them all.
 */
export const MANAGING_PERMISSIONS: readonly Permission[] = [
  'staff.manage',
  'terminals.enrol',
  'catalogue.manage',
  'codes.manage',
];

export function isManagingRole(role: Pick<RoleDefinition, 'permissions'>): boolean {
  return role.permissions.some((p) => MANAGING_PERMISSIONS.includes(p));
}

export function minimumPinDigits(role: Pick<RoleDefinition, 'permissions'>): number {
  return isManagingRole(role) ? MANAGER_PIN_MIN_DIGITS : PIN_MIN_DIGITS;
}

/** All one digit (0000), or a straight run up or down (1234, 654321, wrapping 8901 included). */
export function isTrivialPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] as number) + 10) % 10));
  return steps.size === 1 && [0, 1, 9].includes([...steps][0] as number);
}

/**
 * Why `pin` may not be set for someone with `role`, as a sentence that says what to choose instead;
 * undefined when it may. Checking a PIN at sign-in never runs this: only setting one does.
 */
export function pinPolicyProblem(
  pin: string,
  role: Pick<RoleDefinition, 'permissions'>,
  roleName: string,
): string | undefined {
  const min = minimumPinDigits(role);
  if (!/^\d+$/.test(pin)) return `A PIN is digits only: choose ${min} to ${PIN_MAX_DIGITS} digits.`;
  if (pin.length > PIN_MAX_DIGITS) return `A PIN has at most ${PIN_MAX_DIGITS} digits: choose a shorter one.`;
  if (pin.length < min) {
    return isManagingRole(role)
      ? `The role "${roleName}" can manage staff, sales or terminals, so its PIN needs at least ${min} digits: choose ${min} to ${PIN_MAX_DIGITS} digits.`
      : `A PIN needs at least ${min} digits: choose ${min} to ${PIN_MAX_DIGITS} digits.`;
  }
  if (isTrivialPin(pin)) {
    return 'This PIN is too easy to guess (one digit repeated, or a straight run such as 1234 or 654321): choose digits without a pattern.';
  }
  return undefined;
}
