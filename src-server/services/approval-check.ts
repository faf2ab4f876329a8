import { v7 as uuid } from 'uuid';
import { checkApproval } from '../../shared/sync/approval-proof';
import type { Mutation } from '../../shared/sync/protocol';
import type { SalePayload } from '../../shared/sync/payloads';
import { insertReviewItem } from '../db/repos/review-item-repo';
import type { MutationScope } from './mutation-scope';

// docs/SECURITY.md "Overuse proof": a pushed approval is honoured only when the pushing terminal signed
// it with a key it registered and the approver's role may give it. One that fails never blocks its sale
// (the money was taken, and the push must not stall behind it): the sale is applied as if the approval
// were absent, and a review item tells a manager why.

type Approval = SalePayload['approvals'][number];

export interface Unproven {
  approval: Approval;
  why: string;
}

export async function proveApprovals(
  scope: MutationScope,
  approvals: readonly Approval[],
): Promise<{ honoured: Approval[]; unproven: Unproven[] }> {
  const honoured: Approval[] = [];
  const unproven: Unproven[] = [];
  if (approvals.length === 0) return { honoured, unproven };
  const keys = await scope.signingKeys();
  for (const approval of approvals) {
    const proof = checkApproval(approval, scope.terminal.id, keys, await scope.grantor(approval.approverId));
    if (proof.ok) honoured.push(approval);
    else unproven.push({ approval, why: proof.why });
  }
  return { honoured, unproven };
}

const WHAT: Record<Approval['kind'], string> = {
  overuse: 'overuse approval (use beyond a code’s limit)',
  custom_discount: 'custom discount approval',
  comp: 'comp approval (lines given away)',
  offline: 'offline approval (a sale past the terminal’s minutes without the server)',
};

/** One open review item per unproven approval; call once the sale's redemption is written. */
export async function reviewUnproven(
  scope: MutationScope,
  mutation: Mutation,
  sale: SalePayload['sale'],
  redemptionId: string | null,
  unproven: readonly Unproven[],
): Promise<void> {
  const { terminal } = scope;
  for (const { approval, why } of unproven) {
    const overuse = approval.kind === 'overuse';
    await scope.run((tx) =>
      insertReviewItem(tx, {
        id: uuid(),
        orgId: terminal.orgId,
        kind: 'approval_unproven',
        terminalId: terminal.id,
        mutationId: mutation.mutationId,
        redemptionId: overuse ? redemptionId : null,
        summary:
          `Sale ${sale.receiptNo} at this terminal carries a ${WHAT[approval.kind]} by staff ${approval.approverId} ` +
          `("${approval.reason}"), but the approval could not be proven: ${why}. The sale is kept; the approval ` +
          `is not honoured${overuse ? ', so any use past the limit stands as an overuse nobody granted' : ''}. ` +
          'Ask the approver, then accept it if they did approve, or flag it for follow-up.',
        payload: { saleId: sale.id, approval, why },
        createdAt: scope.ctx.now().toISOString(),
      }),
    );
  }
}

/** Why a sale with comped units and no comp approval is reviewed (the review item's `why`). */
export const NO_COMP_APPROVAL = 'no comp approval came with the sale';

/**
 * docs/CASH.md "Comps": units are given away only with a comp approval, which proveApprovals honours
 * or sends to review. A sale with comped units and no comp approval at all (a faulty or forged push)
 * is kept too, the money having been taken as it says, and goes to review the same way, as an
 * approval that could not be proven. True when it did.
 */
export async function reviewMissingComp(
  scope: MutationScope,
  mutation: Mutation,
  p: Pick<SalePayload, 'sale' | 'units' | 'approvals'>,
): Promise<boolean> {
  const comped = p.units.filter((u) => (u.comp ?? 0) > 0);
  if (comped.length === 0 || p.approvals.some((a) => a.kind === 'comp')) return false;
  const value = comped.reduce((n, u) => n + (u.comp ?? 0), 0);
  const { terminal } = scope;
  const { sale } = p;
  await scope.run((tx) =>
    insertReviewItem(tx, {
      id: uuid(),
      orgId: terminal.orgId,
      kind: 'approval_unproven',
      terminalId: terminal.id,
      mutationId: mutation.mutationId,
      redemptionId: null,
      units: comped.length,
      summary:
        `Sale ${sale.receiptNo} at this terminal gave ${comped.length} unit(s) away as comps (${value} in minor ` +
        `units at full price), but ${NO_COMP_APPROVAL}: nobody is on record as having allowed it. The sale ` +
        'is kept as it was paid. Ask the seller who allowed the comp, then accept it, or flag it for follow-up.',
      payload: {
        saleId: sale.id,
        approval: null,
        why: NO_COMP_APPROVAL,
        compedUnits: comped.length,
        comp: value,
      },
      createdAt: scope.ctx.now().toISOString(),
    }),
  );
  return true;
}
