import { useState } from 'react';
import { useT } from '../i18n/use-t';
import { Dialog } from './Dialog';
import { DialogForm } from './DialogForm';

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in a sentence. */
  body: string;
  confirmLabel: string;
  /** Resolves to the failure's sentence, or null when done (the dialog then closes). */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}

/** "Delete Opera House?": the action named on its button, and the server's refusal shown in place. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={title} onClose={onClose}>
      <DialogForm
        busy={busy}
        error={error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={confirmLabel}
        onSubmit={() => {
          setBusy(true);
          void onConfirm().then((failure) => {
            setBusy(false);
            if (failure) setError(failure);
            else onClose();
          });
        }}
      >
        <p>{body}</p>
      </DialogForm>
    </Dialog>
  );
}
