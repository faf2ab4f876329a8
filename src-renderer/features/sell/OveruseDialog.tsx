import { useId } from 'react';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n/use-t';
import { useSellStore } from '../../stores/sell-store';
import { PIN_REASONS, SupervisorFields, useSupervisorPin } from './SupervisorFields';
import { ReasonFields, useReasonChoice } from '../../components/ReasonFields';
import { DialogForm } from '../../components/DialogForm';

/** A request the schema refuses (a PIN of the wrong shape) is the PIN's fault here. */
const OVERUSE_PIN_REASONS: ReadonlySet<string> = new Set([...PIN_REASONS, 'INVALID_REQUEST']);

/** A supervisor lets an exhausted code past its usage limit for this order, with a reason from the
 * organisation's `overuse` list and an optional note. */
export function OveruseDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const code = useSellStore((s) => s.cart?.code ?? null);
  const grant = useSellStore((s) => s.grantOveruse);
  const choice = useReasonChoice('overuse');
  const supervisor = useSupervisorPin(OVERUSE_PIN_REASONS);

  const submit = async () => {
    const { approverId, pin } = supervisor;
    if (await supervisor.submit(() => grant(approverId, pin, choice.picked))) onClose();
  };

  return (
    <Dialog title={t('overuse.title')} onClose={onClose} testId="overuse-dialog">
      <DialogForm
        busy={supervisor.busy}
        onSubmit={() => void submit()}
        error={supervisor.error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('overuse.grant')}
        submitDisabled={supervisor.pin.length < 4 || choice.reason === ''}
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
        <SupervisorFields {...supervisor.fields} />
      </DialogForm>
    </Dialog>
  );
}
