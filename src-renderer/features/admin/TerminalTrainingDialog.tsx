import { terminalCalls } from '../../../shared/server-api/terminal-calls';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';
import { server } from '../../api/admin-host';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useT } from '../../i18n/use-t';

const terminals = terminalCalls(server);

/**
 * The back office's training switch for one terminal (docs/CASH.md "Training mode"), flipped after a
 * sentence on what it does: a terminal put in training by mistake would take real money as practice.
 */
export function TerminalTrainingDialog({
  terminal,
  onClose,
  onSaved,
}: {
  terminal: TerminalRow;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const on = !terminal.training;
  const name = { name: terminal.name };
  return (
    <ConfirmDialog
      title={t(on ? 'admin.terminals.startTrainingTitle' : 'admin.terminals.endTrainingTitle', name)}
      body={t(on ? 'admin.terminals.startTrainingBody' : 'admin.terminals.endTrainingBody', name)}
      confirmLabel={t(on ? 'admin.terminals.startTrainingConfirm' : 'admin.terminals.endTrainingConfirm')}
      onConfirm={async () => {
        const saved = await terminals.setTraining(terminal.id, on);
        if (!saved.ok) return saved.message;
        onSaved();
        return null;
      }}
      onClose={onClose}
    />
  );
}
