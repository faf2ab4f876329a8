import { customerCreatePayloadSchema } from '../../shared/customers/offline';
import type { Mutation } from '../../shared/sync/protocol';
import { isStorableInstant } from '../db/instant';
import * as repo from '../db/repos/customer-repo';
import { reject } from '../errors';
import { pick, recordAudit } from './audit';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// Applying a pushed `customer.create` (docs/CUSTOMERS.md "At the terminal"): a customer a terminal
// created while the server did not answer, under the id the terminal made. Stored once: a resend, or
// the same id pushed again, changes nothing. The address is unique per organisation; one that another
// customer has by now is not stored on the new one (nothing pushed is refused for it): the notes say
// whose it is, so a manager can merge the two.

export async function applyCustomerCreate(
  scope: MutationScope,
  mutation: Mutation,
): Promise<string | undefined> {
  const p = parsePayload(customerCreatePayloadSchema, mutation.payload, 'customer.create');
  if (!isStorableInstant(p.createdAt)) {
    reject('INVALID_PAYLOAD', `The customer's creation time ${p.createdAt} cannot be stored.`);
  }
  const { orgId, id: terminalId } = scope.terminal;
  return scope.run(async (tx) => {
    if (await repo.getCustomer(tx, orgId, p.customerId)) return 'The customer was stored already.';
    const holder = p.email ? await repo.customerByEmail(tx, orgId, p.email, null) : undefined;
    const email = holder ? null : p.email;
    await repo.insertCustomer(
      tx,
      orgId,
      p.customerId,
      {
        name: p.name,
        email,
        phone: p.phone,
        groups: [],
        emailConsentAt: email && p.emailConsent ? p.createdAt : null,
        notes: holder
          ? `Created at a terminal offline with the e-mail address ${p.email}, which ${holder.name} has: ` +
            'if they are one person, keep one of the two.'
          : '',
      },
      p.createdAt,
    );
    await recordAudit(
      tx,
      scope.ctx,
      { kind: 'terminal', orgId, terminalId },
      {
        action: 'customer.create',
        entityKind: 'customer',
        entityId: p.customerId,
        after: pick(await repo.getCustomer(tx, orgId, p.customerId), [
          'id',
          'name',
          'email',
          'phone',
          'groups',
          'emailConsent',
          'emailConsentAt',
        ]),
        summary: holder
          ? `created offline; e-mail ${p.email} belongs to another customer`
          : 'created offline',
      },
    );
    return holder ? `Stored without the e-mail address, which ${holder.name} has.` : undefined;
  });
}
