import { z } from 'zod';
import { EXPECTED_VERSION_FIELD } from '../server-api/version-conflict';
import { text } from '../text';
import { overuseCapValue } from './overuse-cap';
import { PERMISSIONS, type RoleDefinition } from './permissions';

// The bodies of the staff and role routes, used by the server's routes and by the back office's People
// forms, so a field the server would refuse is marked beside the field as the manager types.

const expectedVersion = { [EXPECTED_VERSION_FIELD]: z.number().int().min(1).optional() };

/** A custom role as POST /v1/roles takes it (PUT takes it without the id, which is in the path). */
export const roleBody = z.strictObject({
  id: text().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _; starting with a letter'),
  name: text().trim().min(1).max(100),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
  customDiscountCeiling: z.strictObject({
    percent: z.number().int().min(0).max(10000),
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  /** Overuse grants a holder may give per business day (docs/SECURITY.md "Overuse caps"); null: no cap. */
  overuseCap: overuseCapValue.default(null),
});

/** PUT /v1/roles/:roleId: the role's fields and the version its editor opened. */
export const roleUpdateBody = roleBody.omit({ id: true }).extend(expectedVersion);

export const staffBody = z.strictObject({
  name: text().trim().min(1).max(200),
  email: z.email().nullable().optional(),
  password: text().min(10, 'at least 10 characters').max(200).optional(),
  pin: text().optional(),
  roleId: text().min(1).max(40),
  /** The venues the person works at (their PIN reaches those venues' terminals only). */
  venueIds: z.array(z.uuid('a venue id from GET /v1/venues')).max(1000).optional(),
  /** In training (docs/CASH.md "Training mode"): their sales are practice, kept off every figure. */
  training: z.boolean().optional(),
  /**
   * Their own cap on overuse grants per business day, in place of their role's (docs/CASH.md "Overuse
   * caps"); null or absent: the role's.
   */
  overuseCap: overuseCapValue.optional(),
});

/** PATCH /v1/staff/:id: any of the fields, active, and the version its editor opened. */
export const staffPatchBody = staffBody
  .partial()
  .extend({ active: z.boolean().optional(), ...expectedVersion });

/**
 * POST /v1/staff/:id/pin. Only the text is checked here: whether the PIN is long enough depends on the
 * person's role, which the server checks with shared/auth/pin-policy.ts (and the form with the same).
 */
export const pinResetBody = z.strictObject({ pin: text().max(100) });

export type RoleInput = z.input<typeof roleBody>;
export type StaffInput = z.input<typeof staffBody>;

/** A staff member as the admin API shows them: never a PIN or password, only whether they have one. */
export interface StaffMember {
  id: string;
  orgId: string;
  name: string;
  email: string | null;
  roleId: string;
  active: boolean;
  hasPassword: boolean;
  hasPin: boolean;
  /** The venues the person works at: their PIN verifier reaches only those venues' terminals. */
  venueIds: string[];
  /** In training: every sale they make at a terminal is a training sale (docs/CASH.md). */
  training: boolean;
  /** Their own overuse cap per business day; null: their role's. */
  overuseCap: number | null;
  /** Bumped by every change a manager makes; PIN failures and lockouts from terminals leave it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A role as GET /v1/roles shows it: custom roles carry the version their editor sends back. */
export type ListedRole = RoleDefinition & { version?: number };
