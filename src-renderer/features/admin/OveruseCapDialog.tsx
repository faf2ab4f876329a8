import { terminalOveruseCapSchema } from '../../../shared/auth/overuse-cap';
import { terminalCalls } from '../../../shared/server-api/terminal-calls';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';
import { server } from '../../api/admin-host';
import { useT } from '../../i18n/use-t';
import { capText, capToSend } from '../../lib/cap-input';
import { TerminalNumberDialog } from './TerminalNumberDialog';

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
  return (
    <TerminalNumberDialog
      title={t('admin.terminals.overuseTitle', { name: terminal.name })}
      field="cap"
      label={t('admin.terminals.overuseCapField')}
      hint={t('admin.terminals.overuseCapHint')}
      invalid={t('admin.overuseCap.bad')}
      initial={capText(terminal.overuseCap)}
      maxLength={5}
      schema={terminalOveruseCapSchema}
      // Anything but a whole number is left for the schema to refuse beside the field.
      toValue={(text) => capToSend(text, null)}
      save={(body: { cap: number | null }) => terminals.setOveruseCap(terminal.id, body.cap)}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}
