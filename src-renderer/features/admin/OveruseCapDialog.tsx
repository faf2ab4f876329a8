import { useId, useState } from 'react';
import { terminalCalls } from '../../../shared/server-api/terminal-calls';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';
import { server } from '../../api/admin-host';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { capText, parseCapText } from '../../lib/cap-input';

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
  const [draft, setDraft] = useState(capText(terminal.overuseCap));
  const [bad, setBad] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setFormError(null);
    const cap = parseCapText(draft, null);
    setBad(cap === undefined);
    if (cap === undefined) return;
    setBusy(true);
    const saved = await terminals.setOveruseCap(terminal.id, cap);
    setBusy(false);
    if (!saved.ok) return setFormError(saved.message);
    onSaved();
  };

  return (
    <Dialog title={t('admin.terminals.overuseTitle', { name: terminal.name })} onClose={onClose}>
      <DialogForm
        busy={busy}
        error={formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('admin.save')}
        onSubmit={() => void submit()}
      >
        <TextField
          id={`${id}-cap`}
          label={t('admin.terminals.overuseCapField')}
          value={draft}
          onChange={setDraft}
          error={bad ? t('admin.overuseCap.bad') : null}
          inputMode="numeric"
          maxLength={5}
          autoFocus
          hint={t('admin.terminals.overuseCapHint')}
        />
      </DialogForm>
    </Dialog>
  );
}
