import { useEffect, useState } from 'react';
import type { ReasonCategory } from '../../shared/cash/reasons';
import { MAX_REASON_NOTE_LENGTH } from '../../shared/cash/reasons';
import { api } from '../api';
import { useT } from '../i18n/use-t';
import { SelectField } from './FormFields';
import { TextField } from './TextField';

/**
 * A reason from the organisation's list for `category` (docs/CASH.md "Reasons") and an optional note:
 * the list comes from the main process (`cash.reasons`), which checks the reason again whatever is
 * picked here. The first reason is picked once the list arrives, so Enter goes straight ahead.
 */
export function useReasonChoice(category: ReasonCategory, initial?: { reason: string; note: string | null }) {
  const [reasons, setReasons] = useState<readonly string[]>([]);
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [note, setNote] = useState(initial?.note ?? '');

  useEffect(() => {
    let live = true;
    void api.cash.reasons({ category }).then((r) => {
      if (!live || !r.ok) return;
      setReasons(r.value);
      // Keep a pick that is still listed (the category's list may have changed under it).
      setReason((current) => (r.value.includes(current) ? current : (r.value[0] ?? '')));
    });
    return () => {
      live = false;
    };
  }, [category]);

  return {
    reasons,
    reason,
    setReason,
    note,
    setNote,
    /** What the request takes: the reason, and the note only when one was typed. */
    picked: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
  };
}

export type ReasonChoice = ReturnType<typeof useReasonChoice>;

export function ReasonFields({
  id,
  choice,
  error,
  autoFocus,
}: {
  id: string;
  choice: ReasonChoice;
  error?: string | null | undefined;
  autoFocus?: boolean;
}) {
  const t = useT();
  return (
    <>
      <SelectField
        id={`${id}-reason`}
        label={t('cash.reason')}
        value={choice.reason}
        options={choice.reasons.map((r) => ({ value: r, label: r }))}
        onChange={choice.setReason}
        error={error ?? null}
        {...(autoFocus ? { autoFocus } : {})}
      />
      <TextField
        id={`${id}-note`}
        label={t('cash.note')}
        value={choice.note}
        onChange={choice.setNote}
        maxLength={MAX_REASON_NOTE_LENGTH}
      />
    </>
  );
}
