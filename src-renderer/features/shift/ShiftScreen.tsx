import { useEffect, useState } from 'react';
import { CASH_MOVEMENT_KINDS } from '../../../shared/cash/movements';
import { api } from '../../api';
import { FormOutcome } from '../../components/FormFields';
import { ZReportTable } from '../../components/ZReportTable';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { can, useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import { useShiftStore } from '../../stores/shift-store';
import { CashAmountForm } from './CashAmountForm';
import { CashMovementForm } from './CashMovementForm';

/** The open shift's figures so far, and closing it with the counted cash. */
export function ShiftScreen() {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const session = useSessionStore((s) => s.session);
  const current = useShiftStore((s) => s.current);
  const close = useShiftStore((s) => s.close);
  const load = useShiftStore((s) => s.load);
  // The figures move with every sale; read them fresh whenever the screen opens.
  useEffect(() => {
    void load();
  }, [load]);

  if (!current) return null;
  const cashKinds = CASH_MOVEMENT_KINDS.filter((k) =>
    can(session, k === 'no_sale' ? 'drawer.open' : 'cash.move'),
  );

  return (
    <section className="panel panel--wide" aria-labelledby="shift-heading" data-screen="shift">
      <h1 id="shift-heading">{t('shift.heading')}</h1>
      <ZReportTable report={current} money={(a) => money(a, currency)} dateTime={dateTime} t={t} />
      <h2>{t('cash.heading')}</h2>
      {cashKinds.length > 0 ? (
        <CashMovementForm currency={currency} kinds={cashKinds} />
      ) : (
        <p>{t('cash.notAllowed')}</p>
      )}
      {can(session, 'shift.close') ? <PrintXReport shiftId={current.shift.id} /> : null}
      <h2>{t('shift.closeHeading')}</h2>
      {can(session, 'shift.close') ? (
        <CashAmountForm
          label={t('shift.counted', { currency })}
          submitLabel={t('shift.close')}
          currency={currency}
          onAmount={close}
        />
      ) : (
        <p>{t('shift.closeNotAllowed')}</p>
      )}
    </section>
  );
}

/** The open shift's report on paper, titled X report (docs/CASH.md). */
function PrintXReport({ shiftId }: { shiftId: string }) {
  const t = useT();
  const [outcome, setOutcome] = useState<{ error: string | null; notice: string | null }>({
    error: null,
    notice: null,
  });
  return (
    <div>
      <button
        type="button"
        onClick={() =>
          void api.print
            .zReport({ shiftId, duplicate: false })
            .then((r) =>
              setOutcome(
                r.ok ? { error: null, notice: t('cash.printedX') } : { error: r.message, notice: null },
              ),
            )
        }
      >
        {t('cash.printX')}
      </button>
      <FormOutcome {...outcome} testId="x-report" />
    </div>
  );
}

/** The Z report of the shift just closed, until a new shift is opened. */
export function ZReportScreen() {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const closed = useShiftStore((s) => s.closed);
  const dismiss = useShiftStore((s) => s.dismissReport);
  if (!closed) return null;
  return (
    <section className="panel panel--wide" aria-labelledby="z-heading" data-screen="z-report">
      <h1 id="z-heading">{t('z.heading')}</h1>
      <ZReportTable report={closed} money={(a) => money(a, currency)} dateTime={dateTime} t={t} />
      <button type="button" className="primary" onClick={dismiss}>
        {t('shift.openNew')}
      </button>
    </section>
  );
}
