import { useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import { defaultApprover, PIN_REASONS, SupervisorFields } from './SupervisorFields';
import { ReasonFields, useReasonChoice } from '../../components/ReasonFields';
import { DialogForm } from '../../components/DialogForm';

/** A supervisor lets an exhausted code past its usage limit for this order, with a reason from the
 * organisation's `overuse` list and an optional note. */
export function OveruseDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const code = useSellStore((s) => s.cart?.code ?? null);
  const grant = useSellStore((s) => s.grantOveruse);
  const staff = useSessionStore((s) => s.staff);
  const self = useSessionStore((s) => s.session?.staffId);
  const [approverId, setApproverId] = useState(() => defaultApprover(staff, self));
  const [pin, setPin] = useState('');
  const choice = useReasonChoice('overuse');
  const [pinError, setPinError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    setPinError(null);
    setError(null);
    setBusy(true);
    const failure = await grant(approverId, pin, choice.picked);
    setBusy(false);
    if (!failure) return onClose();
    if (PIN_REASONS.has(failure.reason) || failure.reason === 'INVALID_REQUEST') {
      setPinError(failure.message);
      setPin('');
      pinRef.current?.focus();
    } else setError(failure.message);
  };

  return (
    <Dialog title={t('overuse.title')} onClose={onClose} testId="overuse-dialog">
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        error={error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('overuse.grant')}
        submitDisabled={pin.length < 4 || choice.reason === ''}
      >
        {code ? (
          <div className="callout" data-testid="overuse-limits">
            <p>
              <strong>{code.code}</strong> — {code.name}
            </p>
            <p>{t('overuse.bypassing')}</p>
            <ul>
              <li>
                {code.message} <span className="muted">({code.reason})</span>
              </li>
            </ul>
          </div>
        ) : null}
        <ReasonFields id={id} choice={choice} autoFocus />
        <SupervisorFields
          approverId={approverId}
          onApprover={setApproverId}
          pin={pin}
          onPin={setPin}
          pinError={pinError}
          pinRef={pinRef}
        />
      </DialogForm>
    </Dialog>
  );
}
