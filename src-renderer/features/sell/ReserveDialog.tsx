import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useReservationStore } from '../../stores/reservation-store';

/**
 * "Reserve" instead of "Pay" (docs/RESERVATIONS.md): the cart is held for its customer until a chosen
 * time or, left empty, 30 minutes before the performance; then the reference is shown to read out.
 */
export function ReserveDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const dateTime = useDateTime();
  const reserve = useReservationStore((s) => s.reserve);
  const made = useReservationStore((s) => s.made);
  const closeMade = useReservationStore((s) => s.closeMade);
  const [expiry, setExpiry] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    closeMade();
    onClose();
  };

  const submit = async () => {
    setError(null);
    setBusy(true);
    // datetime-local is the terminal's local time; the core takes an instant.
    const failure = await reserve(expiry ? new Date(expiry).toISOString() : undefined);
    setBusy(false);
    if (failure) setError(failure.message);
  };

  if (made) {
    return (
      <Dialog title={t('reserve.done')} onClose={close} testId="reserve-done">
        <p>
          {t('reserve.reference')}: <strong data-testid="reservation-reference">{made.reference}</strong>
        </p>
        <p>{made.customerName}</p>
        <p className="muted">{t('reserve.until', { at: dateTime(made.expiresAt) })}</p>
        <div className="button-row">
          <button type="button" className="primary" onClick={close} data-autofocus>
            {t('reserve.close')}
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('reserve.heading')} onClose={close} testId="reserve-dialog">
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        error={error}
        cancelLabel={t('reserve.cancel')}
        onCancel={close}
        submitLabel={t('reserve.submit')}
      >
        <p className="muted">{t('reserve.intro')}</p>
        <TextField
          id={`${id}-expiry`}
          label={t('reserve.expiry')}
          type="datetime-local"
          value={expiry}
          onChange={setExpiry}
          hint={t('reserve.expiryHint')}
          autoFocus
        />
      </DialogForm>
    </Dialog>
  );
}
