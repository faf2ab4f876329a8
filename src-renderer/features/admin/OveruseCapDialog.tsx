import { useId } from 'react';
import { terminalOveruseCapSchema, type TerminalOveruseCap } from '../../../shared/auth/overuse-cap';
import { terminalCalls } from '../../../shared/server-api/terminal-calls';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';
import { server } from '../../api/admin-host';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { capText, capToSend } from '../../lib/cap-input';
import { useRecordForm } from '../../lib/use-record-form';

const terminals = terminalCalls(server);

/**
 * A terminal's cap on overuse grants per business day, all supervisors together (docs/CASH.md
 * "Overuse caps"). Empty: no cap. The terminal takes it with its next pull and enforces it offline too.
 */
export function OveruseCapDialog({
  terminal,
  onClose,
  onSaved,
}: {
  terminal: TerminalRow;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const id = useId();
  const form = useRecordForm({
    initial: { cap: capText(terminal.overuseCap) },
    schema: terminalOveruseCapSchema,
    // Anything but a whole number is left for the schema to refuse beside the field.
    toBody: (d) => ({ cap: capToSend(d.cap, null) }),
    save: async (body: TerminalOveruseCap) => {
      const saved = await terminals.setOveruseCap(terminal.id, body.cap);
      if (!saved.ok) return saved;
      onSaved();
      return null;
    },
  });
  return (
    <Dialog title={t('admin.terminals.overuseTitle', { name: terminal.name })} onClose={onClose}>
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('admin.save')}
        onSubmit={() => void form.submit()}
      >
        <TextField
          id={`${id}-cap`}
          label={t('admin.terminals.overuseCapField')}
          value={form.draft.cap}
          onChange={(v) => form.set('cap', v)}
          error={form.errors.cap && t('admin.overuseCap.bad')}
          inputMode="numeric"
          maxLength={5}
          autoFocus
          hint={t('admin.terminals.overuseCapHint')}
        />
      </DialogForm>
    </Dialog>
  );
}
