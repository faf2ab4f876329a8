import { useId, useState } from 'react';
import { minimumPinDigits, PIN_MAX_DIGITS } from '../../../shared/auth/pin-policy';
import type { ListedRole, StaffMember } from '../../../shared/auth/staff-schemas';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { resetPin } from '../../stores/people-stores';

interface ResetPinDialogProps {
  person: StaffMember;
  /** The person's role: its PIN policy sets the shortest PIN (shared/auth/pin-policy.ts). */
  role: ListedRole | undefined;
  onDone: () => void;
  onClose: () => void;
}

/**
 * A manager sets a new PIN for someone: typed twice, digits only, at least as long as the role needs.
 * The server checks the same policy (and refuses patterns such as 1234 with its own sentence).
 */
export function ResetPinDialog({ person, role, onDone, onClose }: ResetPinDialogProps) {
  const t = useT();
  const id = useId();
  const min = minimumPinDigits(role ?? { permissions: [] });
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const digitsOk = new RegExp(`^\\d{${min},${PIN_MAX_DIGITS}}$`).test(pin);
  const pinError = tried && !digitsOk ? t('admin.staff.pinDigits', { min, max: PIN_MAX_DIGITS }) : null;
  const againError = tried && digitsOk && again !== pin ? t('admin.staff.pinMismatch') : null;

  const submit = async () => {
    setTried(true);
    if (!digitsOk || again !== pin) return;
    setBusy(true);
    setFailure(null);
    const result = await resetPin(person, pin);
    setBusy(false);
    if (result) return setFailure(result.message);
    onDone();
    onClose();
  };

  return (
    <Dialog title={t('admin.staff.resetPinTitle', { name: person.name })} onClose={onClose}>
      <DialogForm
        busy={busy}
        error={failure}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('admin.staff.resetPin')}
        onSubmit={() => void submit()}
      >
        <TextField
          id={`${id}-pin`}
          label={t('admin.staff.newPin')}
          type="password"
          inputMode="numeric"
          maxLength={PIN_MAX_DIGITS}
          value={pin}
          onChange={setPin}
          error={pinError}
          hint={t('admin.staff.pinHint', { min, max: PIN_MAX_DIGITS, role: role?.name ?? person.roleId })}
          autoFocus
        />
        <TextField
          id={`${id}-again`}
          label={t('admin.staff.repeatPin')}
          type="password"
          inputMode="numeric"
          maxLength={PIN_MAX_DIGITS}
          value={again}
          onChange={setAgain}
          error={againError}
        />
      </DialogForm>
    </Dialog>
  );
}
