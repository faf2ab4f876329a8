import { useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import type { TenderInput } from '../../../shared/ipc/contract';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import { defaultApprover, PIN_REASONS, SupervisorFields } from './SupervisorFields';

/**
 * docs/CASH.md "Offline limits": the terminal has gone longer without the server than its limit, so a
 * supervisor types their PIN on the seller's session and the checkout is tried again with it, the same
 * tenders. The main process checks the PIN and the approver's offline.approve whatever this form shows.
 * Keyboard-first: the PIN field has the focus (the first supervisor is picked), Enter approves.
 */
export function OfflineApprovalDialog({
  tenders,
  onDone,
  onCancel,
}: {
  tenders: TenderInput[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const checkout = useSellStore((s) => s.checkout);
  const staff = useSessionStore((s) => s.staff);
  const self = useSessionStore((s) => s.session?.staffId);
  const [approverId, setApproverId] = useState(() => defaultApprover(staff, self));
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    setPinError(null);
    setError(null);
    setBusy(true);
    const failure = await checkout(tenders, { approverId, pin });
    setBusy(false);
    if (!failure) return onDone();
    if (PIN_REASONS.has(failure.reason) || failure.reason === 'OFFLINE_OWN_APPROVAL') {
      setPinError(failure.message);
      setPin('');
      pinRef.current?.focus();
    } else setError(failure.message);
  };

  return (
    <Dialog title={t('offline.title')} onClose={onCancel} testId="offline-approval-dialog">
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        error={error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onCancel}
        submitLabel={t('offline.approve')}
        submitDisabled={pin.length < 4 || approverId === ''}
      >
        <p className="callout">{t('offline.explain')}</p>
        <SupervisorFields
          approverId={approverId}
          onApprover={setApproverId}
          pin={pin}
          onPin={setPin}
          pinError={pinError}
          pinRef={pinRef}
          autoFocusPin
        />
      </DialogForm>
    </Dialog>
  );
}
