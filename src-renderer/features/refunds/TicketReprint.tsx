import { useId, useState } from 'react';
import type { ReprintMode } from '../../../shared/ipc/domains/tickets';
import type { SaleView } from '../../../shared/ipc/types';
import { useT } from '../../i18n/use-t';
import { useRefundStore } from '../../stores/refund-store';
import { can, useSessionStore } from '../../stores/session-store';

/**
 * A past sale's tickets and their reprint (docs/TICKETS.md "Reprints"): with a new barcode for anyone who
 * sells, or the same barcode marked DUPLICATE for a role holding tickets.duplicate. The button only
 * follows the role; main enforces it (src-main/ipc/access.ts).
 */
export function TicketReprint({ sale }: { sale: SaleView }) {
  const t = useT();
  const id = useId();
  const session = useSessionStore((s) => s.session);
  const reprint = useRefundStore((s) => s.reprint);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  if (sale.tickets.length === 0) return null;
  const valid = sale.tickets.filter((x) => x.status === 'valid');
  const mayDuplicate = can(session, 'tickets.duplicate');
  const nameOf = (ticket: SaleView['tickets'][number]) =>
    `${sale.lines.find((l) => l.id === ticket.lineId)?.name ?? ''} ${ticket.unitIndex + 1}`;

  const run = async (mode: ReprintMode) => {
    setBusy(true);
    setOutcome(null);
    const ids = valid.filter((x) => picked.has(x.id)).map((x) => x.id);
    const result = await reprint(mode, ids);
    setBusy(false);
    if ('printed' in result) {
      setPicked(new Set());
      const key = mode === 'new_secret' ? 'reprint.doneNew' : 'reprint.doneSame';
      setOutcome({ ok: true, message: t(key, { count: result.printed }) });
    } else setOutcome({ ok: false, message: result.message });
  };

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="ticket-reprint">
      <h2 id={`${id}-heading`}>{t('reprint.heading')}</h2>
      <p>{t('reprint.help')}</p>
      <table className="table">
        <caption>{t('reprint.tickets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('refund.pick')}</th>
            <th scope="col">{t('reprint.ticket')}</th>
            <th scope="col">{t('reprint.status')}</th>
          </tr>
        </thead>
        <tbody>
          {sale.tickets.map((ticket) => (
            <tr key={ticket.id} data-ticket={ticket.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('reprint.pickTicket', { name: nameOf(ticket) })}
                  disabled={ticket.status !== 'valid'}
                  checked={picked.has(ticket.id)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.target.checked) next.add(ticket.id);
                    else next.delete(ticket.id);
                    setPicked(next);
                  }}
                />
              </td>
              <td>
                {nameOf(ticket)} <code>{ticket.id}</code>
              </td>
              <td>{t(`reprint.status.${ticket.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {valid.length === 0 ? (
        <p className="callout">{t('reprint.none')}</p>
      ) : (
        <div className="button-row">
          <button type="button" disabled={busy} onClick={() => void run('new_secret')}>
            {t('reprint.newSecret')}
          </button>
          {mayDuplicate ? (
            <button
              type="button"
              disabled={busy}
              aria-describedby={`${id}-same-help`}
              onClick={() => void run('same_barcode')}
            >
              {t('reprint.sameBarcode')}
            </button>
          ) : null}
        </div>
      )}
      {mayDuplicate && valid.length > 0 ? (
        <p id={`${id}-same-help`} className="muted small">
          {t('reprint.sameBarcodeHelp')}
        </p>
      ) : null}
      {outcome ? (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'ok' : 'error'}
          data-testid="reprint-outcome"
        >
          {outcome.message}
        </p>
      ) : null}
    </section>
  );
}
