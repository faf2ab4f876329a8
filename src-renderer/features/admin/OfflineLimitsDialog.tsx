import { useId, useState } from 'react';
import { terminalCalls } from '../../../shared/server-api/terminal-calls';
import type { OfflineLimits } from '../../../shared/sync/offline-limits';
import { MAX_OFFLINE_MINUTES } from '../../../shared/sync/offline-limits';
import type { TerminalRow } from '../../../shared/sync/terminal-admin';
import { server } from '../../api/admin-host';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { amountText, parseAmount } from '../../lib/amount-input';

const terminals = terminalCalls(server);

/** "" is no limit; anything else must read as an amount, or the field says so. */
function limitsOf(
  typed: { maxSale: string; maxMinutes: string },
  currency: string,
): { limits: OfflineLimits } | { errors: { maxSale?: true; maxMinutes?: true } } {
  const sale = typed.maxSale.trim() === '' ? null : parseAmount(typed.maxSale, currency);
  const minutesText = typed.maxMinutes.trim();
  const minutes = minutesText === '' ? null : /^\d+$/.test(minutesText) ? Number(minutesText) : Number.NaN;
  const badSale = sale === 0 || (typed.maxSale.trim() !== '' && sale === null);
  const badMinutes = minutes !== null && !(minutes >= 1 && minutes <= MAX_OFFLINE_MINUTES);
  if (badSale || badMinutes)
    return { errors: { ...(badSale ? { maxSale: true } : {}), ...(badMinutes ? { maxMinutes: true } : {}) } };
  return { limits: { maxSale: sale, maxMinutes: minutes } };
}

/**
 * A terminal's offline limits (docs/CASH.md "Offline limits"): the largest sale while the server does
 * not answer, and the minutes after which each sale needs a supervisor. The server checks them again.
 */
export function OfflineLimitsDialog({
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
  const [draft, setDraft] = useState({
    maxSale: terminal.offlineMaxSale === null ? '' : amountText(terminal.offlineMaxSale, terminal.currency),
    maxMinutes: terminal.offlineMaxMinutes === null ? '' : String(terminal.offlineMaxMinutes),
  });
  const [errors, setErrors] = useState<{ maxSale?: true; maxMinutes?: true }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setFormError(null);
    const read = limitsOf(draft, terminal.currency);
    if ('errors' in read) return setErrors(read.errors);
    setErrors({});
    setBusy(true);
    const saved = await terminals.setOfflineLimits(terminal.id, read.limits);
    setBusy(false);
    if (!saved.ok) return setFormError(saved.message);
    onSaved();
  };

  return (
    <Dialog title={t('admin.terminals.offlineTitle', { name: terminal.name })} onClose={onClose}>
      <DialogForm
        busy={busy}
        error={formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('admin.save')}
        onSubmit={() => void submit()}
      >
        <TextField
          id={`${id}-sale`}
          label={t('admin.terminals.offlineMaxSale', { currency: terminal.currency })}
          value={draft.maxSale}
          onChange={(maxSale) => setDraft({ ...draft, maxSale })}
          error={errors.maxSale ? t('admin.terminals.offlineBadAmount') : null}
          inputMode="decimal"
          autoFocus
          hint={t('admin.terminals.offlineMaxSaleHint')}
        />
        <TextField
          id={`${id}-minutes`}
          label={t('admin.terminals.offlineMaxMinutes')}
          value={draft.maxMinutes}
          onChange={(maxMinutes) => setDraft({ ...draft, maxMinutes })}
          error={errors.maxMinutes ? t('admin.terminals.offlineBadMinutes') : null}
          inputMode="numeric"
          maxLength={5}
          hint={t('admin.terminals.offlineMaxMinutesHint')}
        />
      </DialogForm>
    </Dialog>
  );
}
