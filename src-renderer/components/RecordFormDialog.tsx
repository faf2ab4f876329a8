import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import type { RecordForm } from '../lib/use-record-form';
import { Dialog } from './Dialog';
import { DialogForm } from './DialogForm';

interface RecordFormDialogProps {
  title: string;
  /** The form's state from useRecordForm: busy, its sentence, submit. */
  form: Pick<RecordForm<object>, 'busy' | 'formError' | 'submit'>;
  onClose: () => void;
  /** Default "Save". */
  submitLabel?: string;
  submitDisabled?: boolean;
  children: ReactNode;
}

/** A record's editor in a dialog: its fields, the server's sentence, Cancel and Save. */
export function RecordFormDialog(props: RecordFormDialogProps) {
  const { title, form, onClose, submitLabel, submitDisabled, children } = props;
  const t = useT();
  return (
    <Dialog title={title} onClose={onClose}>
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={submitLabel ?? t('admin.save')}
        submitDisabled={submitDisabled}
        onSubmit={() => void form.submit()}
      >
        {children}
      </DialogForm>
    </Dialog>
  );
}
