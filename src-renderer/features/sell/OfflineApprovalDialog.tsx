import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import type { TenderInput } from '../../../shared/ipc/contract';
import { useT } from '../../i18n/use-t';
import { useSellStore } from '../../stores/sell-store';
import { PIN_REASONS, SupervisorFields, useSupervisorPin } from './SupervisorFields';

/** The seller's own PIN is refused like a wrong one: under the field, for the supervisor to type theirs. */
const OFFLINE_PIN_REASONS: ReadonlySet<string> = new Set([...PIN_REASONS, 'OFFLINE_OWN_APPROVAL']);

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
  const supervisor = useSupervisorPin(OFFLINE_PIN_REASONS);

  const submit = async () => {
    const { approverId, pin } = supervisor;
    if (await supervisor.submit(() => checkout(tenders, { approverId, pin }))) onDone();
  };

  return (
    <Dialog title={t('offline.title')} onClose={onCancel} testId="offline-approval-dialog">
      <DialogForm
        busy={supervisor.busy}
        onSubmit={() => void submit()}
        error={supervisor.error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onCancel}
        submitLabel={t('offline.approve')}
        submitDisabled={!supervisor.ready}
      >
        <p className="callout">{t('offline.explain')}</p>
        <SupervisorFields {...supervisor.fields} autoFocusPin />
      </DialogForm>
    </Dialog>
  );
}
