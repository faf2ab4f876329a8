import { useId, useState } from 'react';
import type { CustomerHit } from '../../../shared/ipc/domains/customers';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n/use-t';
import { useSellStore } from '../../stores/sell-store';
import { CustomerCreateForm, type NewCustomerDraft } from './CustomerCreateForm';
import { CustomerInfo } from './CustomerInfo';
import { CustomerSearch } from './CustomerSearch';

/**
 * Who is buying (docs/CUSTOMERS.md "At the terminal"): find them in the customer store as you type, or
 * create them inline, and see their history and personal codes. Their figures (previous orders,
 * groups) come from the store through the main process; nothing here is typed by the cashier.
 */
export function CustomerDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const searchId = useId();
  const current = useSellStore((s) => s.cart?.customer ?? null);
  const attach = useSellStore((s) => s.attachCustomer);
  const create = useSellStore((s) => s.createCustomer);
  const clear = useSellStore((s) => s.setCustomer);
  const applyCode = useSellStore((s) => s.applyCode);
  const codeError = useSellStore((s) => s.codeError);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<{ message: string } | null>) => {
    setBusy(true);
    setError(null);
    const failure = await action();
    setBusy(false);
    if (failure) setError(failure.message);
    return failure === null;
  };

  const pick = (hit: CustomerHit) => void run(() => attach(hit.id));
  const made = (draft: NewCustomerDraft) =>
    void run(() => create(draft)).then((done) => done && setCreating(false));
  const remove = () => void run(() => clear(null)).then((done) => done && onClose());
  const apply = (code: string) => void run(async () => ((await applyCode(code)) ? null : { message: '' }));

  return (
    <Dialog title={t('customer.title')} onClose={onClose} testId="customer-dialog">
      {current ? <CustomerInfo customer={current} busy={busy} onApplyCode={apply} /> : null}
      {creating ? (
        <CustomerCreateForm busy={busy} onCreate={made} onCancel={() => setCreating(false)} />
      ) : (
        <CustomerSearch id={searchId} busy={busy} onPick={pick} />
      )}
      {error || codeError ? (
        <p role="alert" className="error">
          {error || codeError}
        </p>
      ) : null}
      <div className="dialog__actions">
        {current ? (
          <button type="button" disabled={busy} onClick={remove}>
            {t('customer.remove')}
          </button>
        ) : null}
        {creating ? null : (
          <button type="button" disabled={busy} onClick={() => setCreating(true)}>
            {t('customer.newCustomer')}
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          {t('customer.done')}
        </button>
      </div>
    </Dialog>
  );
}
