import { useId } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import { voucherShareSchema, type TerminalRow } from '../../../shared/sync/terminal-admin';
import { terminalCalls } from '../../../shared/server-api/terminal-calls';
import { server } from '../../api/admin-host';

const terminals = terminalCalls(server);

/**
 * A terminal's voucher share (docs/CASH.md "Gift vouchers", Offline): the part of each open voucher's
 * balance it holds ahead, to take vouchers offline. 0 keeps every voucher whole for online windows. The
 * terminal takes it with its next pull.
 */
export function VoucherShareDialog({
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
    initial: { percent: String(terminal.voucherSharePercent ?? 0) },
    schema: voucherShareSchema,
    // Anything but a whole number stands in as NaN, so the sentence beside the field is the form's own.
    toBody: (d) => ({ percent: /^\d{1,3}$/.test(d.percent.trim()) ? Number(d.percent.trim()) : Number.NaN }),
    save: async (body: { percent: number }) => {
      const saved = await terminals.setVoucherShare(terminal.id, body.percent);
      if (!saved.ok) return saved;
      onSaved();
      return null;
    },
  });
  return (
    <Dialog title={t('admin.terminals.voucherShareTitle', { name: terminal.name })} onClose={onClose}>
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('admin.save')}
        onSubmit={() => void form.submit()}
      >
        <TextField
          id={`${id}-percent`}
          label={t('admin.terminals.voucherShareField')}
          value={form.draft.percent}
          onChange={(v) => form.set('percent', v)}
          error={form.errors.percent && t('admin.terminals.voucherShareInvalid')}
          inputMode="numeric"
          maxLength={3}
          autoFocus
          hint={t('admin.terminals.voucherShareHint')}
        />
      </DialogForm>
    </Dialog>
  );
}
