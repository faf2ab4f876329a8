import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';
import { can, useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import { defaultApprover, PIN_REASONS, SupervisorFields } from './SupervisorFields';

const WHOLE = '';

/**
 * docs/CASH.md "Comps": give a line (or some of its units) or the whole order away, with a reason from
 * the organisation's list and an optional note. Without sale.comp, a supervisor types their PIN here;
 * the main process checks the reason, the permission and the PIN whatever this form shows.
 */
export function CompDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const cart = useSellStore((s) => s.cart);
  const comp = useSellStore((s) => s.comp);
  const mayComp = useSessionStore((s) => can(s.session, 'sale.comp'));
  const staff = useSessionStore((s) => s.staff);
  const self = useSessionStore((s) => s.session?.staffId);
  const lines = cart?.lines ?? [];
  const [lineId, setLineId] = useState(() => (lines.length === 1 ? (lines[0]?.id ?? WHOLE) : WHOLE));
  const line = lines.find((l) => l.id === lineId);
  const [qtyText, setQtyText] = useState(() => String(line?.qty ?? 1));
  const [reasons, setReasons] = useState<readonly string[]>([]);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [approverId, setApproverId] = useState(() => defaultApprover(staff, self));
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.cash.reasons({ category: 'comp' }).then((r) => {
      if (!r.ok) return;
      setReasons(r.value);
      setReason((current) => current || (r.value[0] ?? ''));
    });
  }, []);

  const pickLine = (next: string) => {
    setLineId(next);
    setQtyText(String(lines.find((l) => l.id === next)?.qty ?? 1));
  };

  const submit = async () => {
    setPinError(null);
    setError(null);
    const qty = Number(qtyText);
    if (line && (!Number.isInteger(qty) || qty < 1 || qty > line.qty)) {
      setError(t('comp.qtyInvalid', { max: line.qty }));
      return;
    }
    setBusy(true);
    const failure = await comp({
      ...(line ? { lineId: line.id, qty } : {}),
      reason,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(mayComp ? {} : { approver: { staffId: approverId, pin } }),
    });
    setBusy(false);
    if (!failure) return onClose();
    if (PIN_REASONS.has(failure.reason)) {
      setPinError(failure.message);
      setPin('');
      pinRef.current?.focus();
    } else setError(failure.message);
  };

  return (
    <Dialog title={t('comp.title')} onClose={onClose} testId="comp-dialog">
      <DialogForm
        busy={busy}
        onSubmit={() => void submit()}
        error={error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('comp.submit')}
        submitDisabled={reason === '' || (!mayComp && pin.length < 4)}
      >
        <label htmlFor={`${id}-what`}>{t('comp.what')}</label>
        <select id={`${id}-what`} value={lineId} onChange={(e) => pickLine(e.target.value)} data-autofocus>
          <option value={WHOLE}>{t('comp.wholeOrder')}</option>
          {lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.qty} × {l.name}
            </option>
          ))}
        </select>
        {line && line.qty > 1 ? (
          <TextField
            id={`${id}-qty`}
            label={t('comp.qty', { max: line.qty })}
            value={qtyText}
            onChange={setQtyText}
            inputMode="numeric"
            maxLength={4}
          />
        ) : null}
        <label htmlFor={`${id}-reason`}>{t('comp.reason')}</label>
        <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <TextField id={`${id}-note`} label={t('comp.note')} value={note} onChange={setNote} maxLength={200} />
        {mayComp ? null : (
          <SupervisorFields
            approverId={approverId}
            onApprover={setApproverId}
            pin={pin}
            onPin={setPin}
            pinError={pinError}
            pinRef={pinRef}
          />
        )}
      </DialogForm>
    </Dialog>
  );
}
