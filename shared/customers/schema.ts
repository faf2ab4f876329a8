import { z } from 'zod';
import { EXPECTED_VERSION_FIELD } from '../server-api/version-conflict';
import { text } from '../text';

// A customer's fields as every side checks them: the server's customer routes, the back office's form
// and the till's customer picker (shared/ipc/contract.ts), so a value one refuses the others refuse too.

export const customerEmailSchema = text().trim().email('an e-mail address such as anna@example.org').max(200);

export const customerPhoneSchema = text()
  .trim()
  .regex(/^\+?[0-9 ()-]{3,40}$/, 'a phone number is digits, spaces and + - ( ) only');

/** The group names a code's customerGroups rule can name. */
export const customerGroupsSchema = z.array(text().trim().min(1).max(100)).max(50);

export const customerNotesSchema = text().max(2000);

/** POST /v1/customers. Empty e-mail or phone is sent as null (the form's empty field). */
export const customerBody = z.strictObject({
  name: text().trim().min(1, 'the name is empty: type the customer’s name').max(200),
  email: customerEmailSchema.nullable().optional(),
  phone: customerPhoneSchema.nullable().optional(),
  groups: customerGroupsSchema.optional(),
  /** The customer agreed to receive receipts and tickets by e-mail; needs an e-mail address. */
  emailConsent: z.boolean().optional(),
  notes: customerNotesSchema.optional(),
});

/** PATCH /v1/customers/:id: any of the fields, and the version the editor opened. */
export const customerPatchBody = customerBody
  .partial()
  .extend({ [EXPECTED_VERSION_FIELD]: z.number().int().min(1).optional() });

export type CustomerBody = z.input<typeof customerBody>;

/** A customer as the server stores and answers it. */
export interface Customer {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  groups: string[];
  emailConsent: boolean;
  /** When the consent was given (the last time it was ticked); null without consent. */
  emailConsentAt: string | null;
  notes: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The digits of a phone number or of a search: "+49 (30) 1234-56" → "4930123456". */
export function phoneDigits(value: string): string {
  return value.replace(/[^0-9]/g, '');
}
