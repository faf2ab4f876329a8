import { useEffect, useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { TextField } from '../../components/TextField';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';
import { can, useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import { SupervisorFields, useSupervisorPin } from './SupervisorFields';

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
  // A gift voucher is money, never given away (docs/CASH.md "Gift vouchers"): its lines are not offered.
  const lines = (cart?.lines ?? []).filter((l) => l.kind !== 'voucher');
  const [lineId, setLineId] = useState(() => (lines.length === 1 ? (lines[0]?.id ?? WHOLE) : WHOLE));
  const line = lines.find((l) => l.id === lineId);
  const [qtyText, setQtyText] = useState(() => String(line?.qty ?? 1));
  const [reasons, setReasons] = useState<readonly string[]>([]);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const supervisor = useSupervisorPin();

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
    const qty = Number(qtyText);
    if (line && (!Number.isInteger(qty) || qty < 1 || qty > line.qty)) {
      supervisor.setError(t('comp.qtyInvalid', { max: line.qty }));
      return;
    }
    const { approverId, pin } = supervisor;
    const done = await supervisor.submit(() =>
      comp({
        ...(line ? { lineId: line.id, qty } : {}),
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(mayComp ? {} : { approver: { staffId: approverId, pin } }),
      }),
    );
    if (done) onClose();
  };

  return (
    <Dialog title={t('comp.title')} onClose={onClose} testId="comp-dialog">
      <DialogForm
        busy={supervisor.busy}
        onSubmit={() => void submit()}
        error={supervisor.error}
        cancelLabel={t('dialog.cancel')}
        onCancel={onClose}
        submitLabel={t('comp.submit')}
        submitDisabled={reason === '' || (!mayComp && supervisor.pin.length < 4)}
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
        {mayComp ? null : <SupervisorFields {...supervisor.fields} />}
      </DialogForm>
    </Dialog>
  );
}
