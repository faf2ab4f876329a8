import type { RefObject } from 'react';
import { formatPercent } from '../../lib/amount-input';
import { useLanguage } from '../../i18n/language';
import { useT } from '../../i18n/use-t';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { can, useSessionStore } from '../../stores/session-store';
import { useSellStore } from '../../stores/sell-store';
import type { SeatLabel } from '../../../shared/seating/types';
import { reasonWithNote } from '../../../shared/cash/reasons';
import { CodePicker } from './CodePicker';

/** The core's line detail names the performance by its ISO instant; staff read it as a local date. */
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

interface CartPanelProps {
  codeRef: RefObject<HTMLInputElement | null>;
  onPay: () => void;
  onReserve: () => void;
  onCustom: () => void;
  onOveruse: () => void;
  onCustomer: () => void;
  onComp: () => void;
  onVoucherBalance: () => void;
}

/** The cart with each line's discount, the code field, the code's state, the custom discount and totals. */
export function CartPanel({
  codeRef,
  onPay,
  onReserve,
  onCustom,
  onOveruse,
  onCustomer,
  onComp,
  onVoucherBalance,
}: CartPanelProps) {
  const t = useT();
  const money = useMoney();
  const dateTime = useDateTime();
  const language = useLanguage();
  const cart = useSellStore((s) => s.cart);
  const error = useSellStore((s) => s.error);
  const setQty = useSellStore((s) => s.setQty);
  const clearCart = useSellStore((s) => s.clearCart);
  const removeCode = useSellStore((s) => s.removeCode);
  const removeCustom = useSellStore((s) => s.removeCustom);
  const clearCustomer = useSellStore((s) => s.clearCustomer);
  const removeComp = useSellStore((s) => s.removeComp);
  const session = useSessionStore((s) => s.session);
  if (!cart) return null;
  const m = (amount: number) => money(amount, cart.currency);
  const code = cart.code;
  const customer = cart.customer;

  return (
    <section className="sell__cart" aria-labelledby="cart-heading">
      <h2 id="cart-heading">{t('cart.heading')}</h2>
      {cart.lines.length === 0 ? (
        <p className="muted">{t('cart.empty')}</p>
      ) : (
        <table className="table cart-table" data-testid="cart-lines">
          <thead>
            <tr>
              <th scope="col">{t('cart.item')}</th>
              <th scope="col">{t('cart.qty')}</th>
              <th scope="col" className="num">
                {t('cart.discount')}
              </th>
              <th scope="col" className="num">
                {t('cart.lineTotal')}
              </th>
            </tr>
          </thead>
          <tbody>
            {cart.lines.map((line) => (
              <tr key={line.id} data-line={line.name} data-kind={line.kind}>
                <td>
                  <div>
                    {line.name}
                    {line.kind === 'voucher' ? <span className="tag">{t('voucher.tag')}</span> : null}
                  </div>
                  <div className="muted small">
                    {line.detail.replace(ISO_INSTANT, (iso) => dateTime(iso))} · {m(line.unitPrice)}
                  </div>
                  <LineSeats seats={line.seats} />
                  {line.comped ? (
                    <div className="small" data-testid="line-comp">
                      {t('comp.line', {
                        qty: line.comped.qty,
                        reason: reasonWithNote(line.comped.reason, line.comped.note),
                        name: line.comped.approvedBy,
                      })}{' '}
                      <button type="button" className="link" onClick={() => void removeComp(line.id)}>
                        {t('comp.remove')}
                      </button>
                    </div>
                  ) : null}
                </td>
                <td>
                  <div className="qty">
                    <button
                      type="button"
                      className="qty__btn"
                      aria-label={t('cart.less', { name: line.name })}
                      onClick={() => void setQty(line.id, line.qty - 1)}
                    >
                      −
                    </button>
                    <span data-testid="line-qty">{line.qty}</span>
                    <button
                      type="button"
                      className="qty__btn"
                      aria-label={t('cart.more', { name: line.name })}
                      onClick={() => void setQty(line.id, line.qty + 1)}
                    >
                      +
                    </button>
                  </div>
                </td>
                <td className="num" data-testid="line-discount">
                  {/* A voucher is money, never discounted (docs/CASH.md "Gift vouchers"): no badge. */}
                  {line.kind !== 'voucher' && line.codeDiscount + line.customDiscount > 0
                    ? `−${m(line.codeDiscount + line.customDiscount)}`
                    : ''}
                </td>
                <td className="num" data-testid="line-total">
                  {m(line.total)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="customer-state" data-testid="cart-customer">
        {customer ? (
          <p>
            {t('customer.label')} <strong data-testid="customer-name">{customer.name}</strong>{' '}
            <span className="muted small" data-testid="customer-detail">
              {[
                customer.id,
                customer.priorOrders === 0
                  ? t('customer.new')
                  : t('customer.prior', { count: customer.priorOrders }),
                ...customer.groups,
              ].join(' · ')}
            </span>
          </p>
        ) : null}
        <div className="button-row">
          <button type="button" onClick={onCustomer}>
            {customer ? t('customer.change') : t('customer.add')} <kbd>F7</kbd>
          </button>
          {customer ? (
            <button type="button" onClick={() => void clearCustomer()}>
              {t('customer.remove')}
            </button>
          ) : null}
        </div>
      </div>

      <CodePicker inputRef={codeRef} />

      {code ? (
        <div className={`code-state${code.applies ? '' : ' code-state--no'}`} data-testid="code-state">
          <p>
            <strong data-testid="applied-code">{code.code}</strong> {code.name}
            {code.source === 'auto' ? <span className="tag">{t('code.auto')}</span> : null}
            {code.applies ? <span className="code-state__saving">−{m(code.discount)}</span> : null}
          </p>
          {code.applies ? null : (
            <p role="status" data-testid="code-why">
              {code.message} {code.hint ? <span className="muted">{code.hint}</span> : null}
            </p>
          )}
          {code.overuse ? (
            <p className="muted" data-testid="overuse-granted">
              {t('overuse.granted', {
                name: code.overuse.approverName,
                reason: reasonWithNote(code.overuse.reason, code.overuse.note),
              })}
            </p>
          ) : null}
          <div className="button-row">
            {!code.applies && code.overridable ? (
              <button type="button" onClick={onOveruse}>
                {t('overuse.ask')}
              </button>
            ) : null}
            {code.source === 'manual' ? (
              <button type="button" onClick={() => void removeCode()}>
                {t('code.remove')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {cart.custom ? (
        <div className="code-state" data-testid="custom-state">
          <p>
            {t('custom.line', {
              value:
                cart.custom.kind === 'percentage'
                  ? formatPercent(cart.custom.value, language)
                  : m(cart.custom.value),
              reason: reasonWithNote(cart.custom.reason, cart.custom.note),
            })}
            <span className="code-state__saving">−{m(cart.custom.amount)}</span>
          </p>
          {cart.custom.approvedBy ? (
            <p className="muted">{t('custom.approvedBy', { name: cart.custom.approvedBy })}</p>
          ) : null}
          <div className="button-row">
            <button type="button" onClick={onCustom}>
              {t('custom.change')}
            </button>
            <button type="button" onClick={() => void removeCustom()}>
              {t('custom.remove')}
            </button>
          </div>
        </div>
      ) : null}

      <dl className="totals">
        <div>
          <dt>{t('cart.gross')}</dt>
          <dd data-testid="cart-gross">{m(cart.gross)}</dd>
        </div>
        {cart.codeDiscount > 0 ? (
          <div>
            <dt>{t('cart.codeDiscount')}</dt>
            <dd data-testid="cart-code-discount">−{m(cart.codeDiscount)}</dd>
          </div>
        ) : null}
        {cart.customDiscount > 0 ? (
          <div>
            <dt>{t('cart.customDiscount')}</dt>
            <dd data-testid="cart-custom-discount">−{m(cart.customDiscount)}</dd>
          </div>
        ) : null}
        {cart.comp > 0 ? (
          <div className="muted">
            <dt>{t('cart.comps')}</dt>
            <dd data-testid="cart-comps">{m(cart.comp)}</dd>
          </div>
        ) : null}
        <div className="totals__total">
          <dt>{t('cart.total')}</dt>
          <dd data-testid="cart-total">{m(cart.total)}</dd>
        </div>
        {cart.vat.map((v) => (
          <div key={v.rate} className="muted small">
            <dt>{t('cart.vat', { rate: formatPercent(v.rate, language) })}</dt>
            <dd>{m(v.vat)}</dd>
          </div>
        ))}
      </dl>

      {error ? (
        <p role="alert" className="error" data-testid="cart-error">
          {error}
        </p>
      ) : null}

      <div className="button-row">
        <button type="button" className="primary big" onClick={onPay} disabled={cart.lines.length === 0}>
          {t('cart.pay')} <kbd>F4</kbd>
        </button>
        <button type="button" onClick={onReserve} disabled={cart.lines.length === 0}>
          {t('reserve.open')} <kbd>F3</kbd>
        </button>
        {can(session, 'discount.custom') && !cart.custom ? (
          <button type="button" onClick={onCustom} disabled={cart.lines.length === 0}>
            {t('custom.open')} <kbd>F6</kbd>
          </button>
        ) : null}
        <button type="button" onClick={onComp} disabled={cart.lines.length === 0}>
          {t('comp.open')} <kbd>F10</kbd>
        </button>
        <button type="button" onClick={() => void clearCart()} disabled={cart.lines.length === 0}>
          {t('cart.clear')}
        </button>
        <button type="button" onClick={onVoucherBalance}>
          {t('voucher.balanceOpen')} <kbd>F5</kbd>
        </button>
      </div>
    </section>
  );
}

/** A seated line's seats, one label per unit: "Stalls, row B, seat 12". */
function LineSeats({ seats }: { seats: SeatLabel[] | undefined }) {
  const t = useT();
  if (!seats || seats.length === 0) return null;
  return (
    <ul className="line-seats small" data-testid="line-seats">
      {seats.map((s) => (
        <li key={s.seatId}>{t('cart.seatLabel', { section: s.section, row: s.row, seat: s.seat })}</li>
      ))}
    </ul>
  );
}
