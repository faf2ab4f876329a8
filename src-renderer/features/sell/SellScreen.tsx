import { useEffect, useRef, useState } from 'react';
import type { Product } from '../../../shared/catalogue/types';
import { useSellStore } from '../../stores/sell-store';
import { CartPanel } from './CartPanel';
import { CompDialog } from './CompDialog';
import { CataloguePanel } from './CataloguePanel';
import { CustomDiscountDialog } from './CustomDiscountDialog';
import { CustomerDialog } from './CustomerDialog';
import { OveruseDialog } from './OveruseDialog';
import { PaymentDialog } from './PaymentDialog';
import { ReserveDialog } from './ReserveDialog';
import { SaleDone } from './SaleDone';
import { VoucherAmountDialog } from './VoucherAmountDialog';
import { VoucherBalanceDialog } from './VoucherBalanceDialog';

type DialogName =
  'pay' | 'reserve' | 'custom' | 'overuse' | 'customer' | 'comp' | 'voucherAmount' | 'voucherBalance' | null;

/**
 * The sell screen: F2 code field, F3 reserve, F4 pay, F5 voucher balance, F6 custom discount, F7 customer,
 * F10 comp (F8 is the journal); Esc closes a dialog.
 */
export function SellScreen() {
  const codeRef = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [voucherProduct, setVoucherProduct] = useState<Product | null>(null);
  const lastSale = useSellStore((s) => s.lastSale);
  const hasLines = useSellStore((s) => (s.cart?.lines.length ?? 0) > 0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog || lastSale) return;
      if (e.key === 'F2') {
        e.preventDefault();
        codeRef.current?.focus();
      } else if (e.key === 'F4' && hasLines) {
        e.preventDefault();
        setDialog('pay');
      } else if (e.key === 'F3' && hasLines) {
        e.preventDefault();
        setDialog('reserve');
      } else if (e.key === 'F6' && hasLines) {
        e.preventDefault();
        setDialog('custom');
      } else if (e.key === 'F10' && hasLines) {
        e.preventDefault();
        setDialog('comp');
      } else if (e.key === 'F5') {
        // F5 would reload the browser host's page: the balance check takes it over on this screen.
        e.preventDefault();
        setDialog('voucherBalance');
      } else if (e.key === 'F7') {
        e.preventDefault();
        setDialog('customer');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, lastSale, hasLines]);

  const close = () => setDialog(null);
  return (
    <div className="sell" data-screen="sell">
      <CataloguePanel
        onOpenVoucher={(product) => {
          setVoucherProduct(product);
          setDialog('voucherAmount');
        }}
      />
      {lastSale && dialog === null ? (
        <SaleDone />
      ) : (
        <CartPanel
          codeRef={codeRef}
          onPay={() => setDialog('pay')}
          onReserve={() => setDialog('reserve')}
          onCustom={() => setDialog('custom')}
          onOveruse={() => setDialog('overuse')}
          onCustomer={() => setDialog('customer')}
          onComp={() => setDialog('comp')}
          onVoucherBalance={() => setDialog('voucherBalance')}
        />
      )}
      {dialog === 'pay' ? <PaymentDialog onClose={close} /> : null}
      {dialog === 'reserve' ? <ReserveDialog onClose={close} /> : null}
      {dialog === 'custom' ? <CustomDiscountDialog onClose={close} /> : null}
      {dialog === 'overuse' ? <OveruseDialog onClose={close} /> : null}
      {dialog === 'customer' ? <CustomerDialog onClose={close} /> : null}
      {dialog === 'comp' ? <CompDialog onClose={close} /> : null}
      {dialog === 'voucherAmount' && voucherProduct ? (
        <VoucherAmountDialog product={voucherProduct} onClose={close} />
      ) : null}
      {dialog === 'voucherBalance' ? <VoucherBalanceDialog onClose={close} /> : null}
    </div>
  );
}
