import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useReservationStore } from '../../stores/reservation-store';

/** Cancelling a held reservation asks why; the reason is recorded and synced with the release. */
export function CancelReservation({ reference, onClose }: { reference: string; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const cancel = useReservationStore((s) => s.cancel);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const failure = await cancel(reference, reason);
    setBusy(false);
    if (failure) setError(failure.message);
    else onClose();
  };

  return (
    <Dialog
      title={`${t('willcall.cancelConfirm')} ${reference}`}
      onClose={onClose}
      testId="cancel-reservation"
    >
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        error={error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('willcall.cancelConfirm')}
      >
        <TextField
          id={`${id}-reason`}
          label={t('willcall.cancelReason')}
          value={reason}
          onChange={setReason}
          maxLength={500}
          autoFocus
        />
      </DialogForm>
    </Dialog>
  );
}
