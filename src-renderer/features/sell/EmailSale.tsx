import { useEffect, useId, useState } from 'react';
import type { MailKind } from '../../../shared/ipc/domains/mail';
import { storedCustomer } from '../../../shared/ipc/stored-customer';
import type { SaleView } from '../../../shared/ipc/types';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useMailStore } from '../../stores/mail-store';

/** The e-mail the customer gave at the sale, or ''. */
const customerEmail = (sale: SaleView): string => storedCustomer(sale.sale.customer)?.email ?? '';

/**
 * "E-mail receipt", "E-mail tickets" and "E-mail gift vouchers" for a completed sale (docs/MAIL.md), with the address to send to.
 * Shown only where a mail server is set up; main queues the mail, checks the address and the role, and
 * answers with a sentence when it cannot.
 */
export function EmailSale({ sale }: { sale: SaleView }) {
  const t = useT();
  const id = useId();
  const status = useMailStore((s) => s.status);
  const loadStatus = useMailStore((s) => s.loadStatus);
  const send = useMailStore((s) => s.send);
  const [to, setTo] = useState(() => customerEmail(sale));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  // While mails wait, the line under the buttons follows the queue (it sends in the background).
  const waiting = status?.waiting ?? 0;
  useEffect(() => {
    if (waiting === 0) return;
    const timer = setInterval(() => void loadStatus(), 2_000);
    return () => clearInterval(timer);
  }, [waiting, loadStatus]);
  if (!status?.configured) return null;
  const hasTickets = sale.tickets.some((ticket) => ticket.status === 'valid');
  // A training voucher has no code. Main checks the rest (void, expired) and says so when none is left.
  const hasVouchers = sale.sale.status !== 'voided' && sale.vouchers.some((voucher) => voucher.secret);

  const run = async (kind: MailKind) => {
    setBusy(true);
    setOutcome(null);
    const result = await send(sale.sale.id, kind, to.trim() === '' ? undefined : to.trim());
    setBusy(false);
    setOutcome(
      'recipient' in result
        ? { ok: true, message: t('mail.queued', { to: result.recipient }) }
        : { ok: false, message: result.message },
    );
  };

  return (
    <section className="email-sale" aria-labelledby={`${id}-heading`} data-testid="email-sale">
      <h3 id={`${id}-heading`}>{t('mail.heading')}</h3>
      <TextField
        id={`${id}-to`}
        label={t('mail.to')}
        type="email"
        maxLength={200}
        value={to}
        onChange={(value) => {
          setOutcome(null);
          setTo(value);
        }}
        hint={customerEmail(sale) ? t('mail.toHint') : null}
      />
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void run('receipt')}>
          {t('mail.receipt')}
        </button>
        {hasTickets ? (
          <button type="button" disabled={busy} onClick={() => void run('tickets')}>
            {t('mail.tickets')}
          </button>
        ) : null}
        {hasVouchers ? (
          <button type="button" disabled={busy} onClick={() => void run('vouchers')}>
            {t('mail.vouchers')}
          </button>
        ) : null}
      </div>
      {outcome ? (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'ok' : 'error'}
          data-testid="email-outcome"
        >
          {outcome.message}
        </p>
      ) : null}
      <p className="muted" data-testid="mail-queue">
        {status.fault ? `${status.fault.message} ` : ''}
        {t('mail.queue', { waiting: status.waiting, failed: status.failed })}
      </p>
    </section>
  );
}
