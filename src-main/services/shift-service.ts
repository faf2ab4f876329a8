import { err, ok, type Result } from '../../shared/result';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/connection';
import { appendOutbox } from '../db/repos/outbox-repo';
import { getStaff } from '../db/repos/staff-repo';
import {
  cashMovement,
  closeShiftRow,
  getOpenShift,
  getShift,
  shiftFigures,
  insertShift,
  type ShiftRow,
} from '../db/repos/shift-repo';
import { newId } from '../ids';
import type { ZReport } from '../../shared/ipc/domains/shift';
import type { Translate } from '../messages';
import type { Actor } from './staff-service';

export type ShiftService = ReturnType<typeof createShiftService>;

export function createShiftService({
  db,
  clock,
  t,
  terminalId,
  onClose,
}: {
  db: Db;
  clock: Clock;
  t: Translate;
  terminalId: () => string;
  /**
   * Runs inside the close's transaction, after its outbox row: the sync client stops using its
   * leases there, so no unit can be spent after its return is queued.
   */
  onClose?: (at: string) => void;
}) {
  const report = (shift: ShiftRow): ZReport => {
    const expectedCash = shift.expectedCash ?? shift.openingFloat + cashMovement(db, shift.id);
    return {
      shift,
      openedByName: getStaff(db, shift.openedBy)?.name ?? shift.openedBy,
      closedByName: shift.closedBy ? (getStaff(db, shift.closedBy)?.name ?? shift.closedBy) : null,
      expectedCash,
      countedCash: shift.countedCash,
      difference: shift.countedCash === null ? null : shift.countedCash - expectedCash,
      figures: shiftFigures(db, shift.id),
    };
  };

  return {
    current(): ZReport | null {
      const shift = getOpenShift(db);
      return shift ? report(shift) : null;
    },

    open(actor: Actor, openingFloat: number): Result<ZReport> {
      if (getOpenShift(db)) return err('SHIFT_ALREADY_OPEN', t('SHIFT_ALREADY_OPEN'));
      const shift = { id: newId(), openedBy: actor.staffId, openedAt: isoNow(clock), openingFloat };
      db.transaction(() => {
        insertShift(db, shift);
        appendOutbox(db, {
          mutationId: newId(),
          type: 'shift.open',
          payload: { terminalId: terminalId(), ...shift },
          createdAt: shift.openedAt,
        });
      })();
      return ok(report(getShift(db, shift.id) as ShiftRow));
    },

    close(actor: Actor, countedCash: number): Result<ZReport> {
      const shift = getOpenShift(db);
      if (!shift) return err('NO_SHIFT', t('NO_SHIFT'));
      const close = {
        closedBy: actor.staffId,
        closedAt: isoNow(clock),
        countedCash,
        expectedCash: shift.openingFloat + cashMovement(db, shift.id),
      };
      db.transaction(() => {
        closeShiftRow(db, shift.id, close);
        appendOutbox(db, {
          mutationId: newId(),
          type: 'shift.close',
          payload: { terminalId: terminalId(), shiftId: shift.id, ...close },
          createdAt: close.closedAt,
        });
        onClose?.(close.closedAt);
      })();
      return ok(report(getShift(db, shift.id) as ShiftRow));
    },

    report(shiftId: string): Result<ZReport> {
      const shift = getShift(db, shiftId);
      return shift ? ok(report(shift)) : err('NO_SHIFT', t('NO_SHIFT'));
    },
  };
}
