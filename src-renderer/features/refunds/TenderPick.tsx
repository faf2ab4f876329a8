import { useT } from '../../i18n/use-t';

type Tender = 'cash' | 'card';

/**
 * Cash or card, and for card the card terminal's reference: how a refund pays back (RefundForm) and how
 * an exchange's difference is paid (JournalExchange).
 */
export function TenderPick({
  id,
  label,
  tender,
  reference,
  onTender,
  onReference,
}: {
  id: string;
  label: string;
  tender: Tender;
  reference: string;
  onTender: (tender: Tender) => void;
  onReference: (reference: string) => void;
}) {
  const t = useT();
  return (
    <>
      <label htmlFor={`${id}-tender`}>{label}</label>
      <select id={`${id}-tender`} value={tender} onChange={(e) => onTender(e.target.value as Tender)}>
        <option value="cash">{t('tender.cash')}</option>
        <option value="card">{t('tender.card')}</option>
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
