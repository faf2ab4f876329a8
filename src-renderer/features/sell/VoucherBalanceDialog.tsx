import { useId, useRef, useState } from 'react';
import type { VoucherCheckView } from '../../../shared/ipc/domains/sell';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n/use-t';
import { useSellStore } from '../../stores/sell-store';
import { VoucherCodeField } from './VoucherCodeField';
import { VoucherFacts } from './VoucherFacts';

/**
 * "Voucher balance" at the window (docs/CASH.md "The balance at the window"): scan a code, see what it is
 * worth. The field keeps focus and is selected again after each check, so the next scan replaces it.
 */
export function VoucherBalanceDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const checkVoucher = useSellStore((s) => s.checkVoucher);
  const [code, setCode] = useState('');
  const [voucher, setVoucher] = useState<VoucherCheckView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const check = async () => {
    setVoucher(null);
    setError(null);
    if (code.trim() === '') return setError(t('voucher.codeMissing'));
    setBusy(true);
    const result = await checkVoucher(code.trim());
    setBusy(false);
    if (result.ok) setVoucher(result.value);
    else setError(result.message);
    codeRef.current?.select();
  };

  return (
    <Dialog title={t('voucher.balanceTitle')} onClose={onClose} testId="voucher-balance-dialog">
      <div className="form" aria-busy={busy}>
        <VoucherCodeField
          id={`${id}-code`}
          value={code}
          onChange={(v) => {
            setCode(v);
            setVoucher(null);
            setError(null);
          }}
          onCheck={() => void check()}
          error={error}
          inputRef={codeRef}
          busy={busy}
          autoFocus
        />
        {voucher ? <VoucherFacts voucher={voucher} /> : null}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            {t('admin.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
