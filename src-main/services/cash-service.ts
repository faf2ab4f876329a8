import { drawerDelta, type CashMovementRequest, type CashMovementRow } from '../../shared/cash/movements';
import { reasonsFor, type ReasonCategory } from '../../shared/cash/reasons';
import type { CashMovementView, ZReport } from '../../shared/ipc/domains/shift';
import { formatMinor } from '../../shared/money';
import { ok, type Result } from '../../shared/result';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { insertCashMovement } from '../db/repos/cash-repo';
import { getVenue } from '../db/repos/catalogue-repo';
import { appendOutbox } from '../db/repos/outbox-repo';
import { cashMovement, getOpenShift } from '../db/repos/shift-repo';
import { newId } from '../ids';
import { fail, type Translate } from '../messages';
import type { DrawerOutcome } from './printing/drawer';
import { checkReason } from './reasons';
import type { Language } from '../../shared/ipc/types';
import type { Actor } from './staff-service';

// Cash through the drawer without a sale (docs/CASH.md): checked, recorded with the outbox row in one
// transaction, and only then the drawer opens. The permission (cash.move, or drawer.open for "no sale")
// is the dispatcher's to check (ipc/access.ts); everything about the money is checked here.

export type CashService = ReturnType<typeof createCashService>;

export function createCashService(deps: {
  db: Db;
  clock: Clock;
  t: Translate;
  language: () => Language;
  terminalId: () => string;
  openDrawer: (why: string) => Promise<DrawerOutcome>;
  report: (shiftId: string) => Result<ZReport>;
}) {
  const { db, clock, t } = deps;
  const lists = () => getVenue(db)?.reasons;

  return {
    /** The reasons a category offers at this terminal: the organisation's list, or the default. */
    reasons(category: ReasonCategory): readonly string[] {
      return reasonsFor(lists(), category);
    },

    /** `input` as the dispatcher parsed it (cashMovementInputSchema): not parsed a second time here. */
    async move(actor: Actor, input: CashMovementRequest): Promise<Result<CashMovementView>> {
      const shift = getOpenShift(db);
      if (!shift) return fail(t, 'NO_SHIFT');
      const delta = drawerDelta(input);
      if (!delta.ok) return fail(t, delta.error);
      const listed = checkReason(lists(), input.kind, input.reason, t, 'CASH_REASON_NOT_LISTED');
      if (!listed.ok) return listed;
      const reason = listed.value;
      const currency = getVenue(db)?.currency ?? 'EUR';
      const movement: CashMovementRow = {
        id: newId(),
        shiftId: shift.id,
        kind: input.kind,
        amount: delta.delta,
        currency,
        reason,
        note: input.note ? input.note : null,
        staffId: actor.staffId,
        at: isoNow(clock),
      };
      const refused = db.transaction((): Result<null> => {
        // Read inside the transaction: the drawer's cash cannot change between the check and the write.
        const drawer = shift.openingFloat + cashMovement(db, shift.id);
        if (delta.delta < 0 && drawer + delta.delta < 0) {
          const money = (n: number) => `${formatMinor(n, currency, deps.language())} ${currency}`;
          return fail(t, 'CASH_NOT_IN_DRAWER', {
            drawer: money(Math.max(drawer, 0)),
            amount: money(-delta.delta),
          });
        }
        insertCashMovement(db, movement);
        appendOutbox(db, {
          mutationId: newId(),
          type: 'cash.movement',
          payload: { terminalId: deps.terminalId(), ...movement },
          createdAt: movement.at,
        });
        return ok(null);
      })();
      if (!refused.ok) return refused;
      const drawer = await deps.openDrawer(`${movement.kind} ${movement.id}`);
      const report = deps.report(shift.id);
      if (!report.ok) return report;
      return ok({
        movement,
        drawer,
        drawerMessage: drawer === 'failed' ? t('DRAWER_FAILED') : null,
        report: report.value,
      });
    },
  };
}
