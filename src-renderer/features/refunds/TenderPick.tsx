import { useT } from '../../i18n/use-t';

type Tender = 'cash' | 'card' | 'voucher';

/**
 * Cash or card, and for card the card terminal's reference: how a refund pays back (RefundForm) and how
 * an exchange's difference is paid (JournalExchange). With `voucher`, a refund may also go onto a new
 * gift voucher (docs/CASH.md "Refunds onto a voucher").
 */
export function TenderPick<T extends Tender>({
  id,
  label,
  tender,
  reference,
  voucher = false,
  onTender,
  onReference,
}: {
  id: string;
  label: string;
  tender: T;
  reference: string;
  /** Offer "To a gift voucher": a refund at a terminal that can issue one. */
  voucher?: boolean;
  onTender: (tender: T) => void;
  onReference: (reference: string) => void;
}) {
  const t = useT();
  return (
    <>
      <label htmlFor={`${id}-tender`}>{label}</label>
      <select id={`${id}-tender`} value={tender} onChange={(e) => onTender(e.target.value as T)}>
        <option value="cash">{t('tender.cash')}</option>
        <option value="card">{t('tender.card')}</option>
        {voucher ? <option value="voucher">{t('refund.tenderVoucher')}</option> : null}
      </select>
      {tender === 'card' ? (
        <>
          <label htmlFor={`${id}-reference`}>{t('pay.reference')}</label>
          <input
            id={`${id}-reference`}
            value={reference}
            maxLength={64}
            autoComplete="off"
            onChange={(e) => onReference(e.target.value)}
          />
        </>
      ) : null}
    </>
  );
}
