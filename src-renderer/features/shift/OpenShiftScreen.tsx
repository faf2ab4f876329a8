import { useT } from '../../i18n/use-t';
import { useSellStore } from '../../stores/sell-store';
import { useShiftStore } from '../../stores/shift-store';
import { CashAmountForm } from './CashAmountForm';

export function OpenShiftScreen() {
  const t = useT();
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const open = useShiftStore((s) => s.open);

  return (
    <section className="panel" aria-labelledby="open-shift-heading" data-screen="open-shift">
      <h1 id="open-shift-heading">{t('shift.openHeading')}</h1>
      <p>{t('shift.openIntro')}</p>
      <CashAmountForm
        label={t('shift.float', { currency })}
        submitLabel={t('shift.open')}
        currency={currency}
        autoFocus
        onAmount={open}
      />
    </section>
  );
}
