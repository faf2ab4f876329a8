import { terminalCalls } from '../../../shared/server-api/terminal-calls';
import { voucherShareSchema, type TerminalRow } from '../../../shared/sync/terminal-admin';
import { server } from '../../api/admin-host';
import { useT } from '../../i18n/use-t';
import { TerminalNumberDialog } from './TerminalNumberDialog';

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
  return (
    <TerminalNumberDialog
      title={t('admin.terminals.voucherShareTitle', { name: terminal.name })}
      field="percent"
      label={t('admin.terminals.voucherShareField')}
      hint={t('admin.terminals.voucherShareHint')}
      invalid={t('admin.terminals.voucherShareInvalid')}
      initial={String(terminal.voucherSharePercent)}
      maxLength={3}
      schema={voucherShareSchema}
      // Anything but a whole number stands in as NaN, so the sentence beside the field is the form's own.
      toValue={(text) => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN)}
      save={(body: { percent: number }) => terminals.setVoucherShare(terminal.id, body.percent)}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}
