import { reasonWithNote } from '../../../shared/cash/reasons';
import type { ReactNode } from 'react';
import type { OrderDetail, OrderRow } from '../../../shared/reports/orders';
import { useDateTime, useMoney } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { TrainingBadge } from './OrderStatusBadge';

// One order's summary and parts (lines, code use, approvals, tenders, refunds): the back office's order
// dialog and the terminal's sales journal show the same record the same way.

/** A small table of one part of an order, with a caption and "None." when it has no rows. */
function Part(props: { caption: string; columns: { label: string; num?: boolean }[]; rows: ReactNode[] }) {
  const t = useT();
  return (
    <table className="table manage__table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.length > 0 ? (
          props.rows
        ) : (
          <tr>
            <td colSpan={props.columns.length}>{t('report.order.noneOf')}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The order's summary, then each of its parts; `afterSummary` goes between them. */
export function OrderDetailParts(props: {
  order: OrderRow;
  detail: OrderDetail | null;
  afterSummary?: ReactNode;
}) {
  const { order, detail } = props;
  const t = useT();
  const moneyIn = useMoney();
  const dateTime = useDateTime();
  const money = (amount: number) => moneyIn(amount, order.currency);
  return (
    <>
      <dl className="fields" aria-label={t('report.order.summary')}>
        <dt>{t('report.terminal')}</dt>
        <dd>{order.terminalName ?? '—'}</dd>
        <dt>{t('report.cashier')}</dt>
        <dd>{order.cashierName ?? '—'}</dd>
        <dt>{t('report.order.buyer')}</dt>
        <dd>{order.buyer ?? '—'}</dd>
        <dt>{t('report.gross')}</dt>
        <dd>{money(order.gross)}</dd>
        <dt>{t('report.discount')}</dt>
        <dd>{money(order.discount)}</dd>
        <dt>{t('report.total')}</dt>
        <dd>{money(order.total)}</dd>
        <dt>{t('report.refunded')}</dt>
        <dd>{money(order.refunded)}</dd>
        <dt>{t('report.orders.status')}</dt>
        <dd>
          {t(`report.orders.status.${order.status}`)}{' '}
          {order.training ? (
            <>
              <TrainingBadge /> <span data-testid="training-why">{t('report.orders.trainingWhy')}</span>
            </>
          ) : null}
        </dd>
      </dl>
      {props.afterSummary}
      {detail?.customDiscountReason ? (
        <p>
          {t('report.order.customReason', {
            reason: reasonWithNote(detail.customDiscountReason, detail.customDiscountNote),
          })}
        </p>
      ) : null}
      {detail ? (
        <>
          <Part
            caption={t('report.order.lines')}
            columns={[
              { label: t('report.order.item') },
              { label: t('report.order.qty'), num: true },
              { label: t('report.order.unitPrice'), num: true },
              { label: t('report.orders.code') },
              { label: t('report.order.codeDiscount'), num: true },
              { label: t('report.order.customDiscount'), num: true },
              { label: t('report.total'), num: true },
              { label: t('report.order.refundedQty'), num: true },
            ]}
            rows={detail.lines.map((line) => (
              <tr key={line.id}>
                <th scope="row">{line.name ?? line.kind}</th>
                <td className="num">{line.qty}</td>
                <td className="num">{money(line.unitPrice)}</td>
                <td>{line.codeDiscount > 0 ? (order.code ?? '') : '—'}</td>
                <td className="num">{money(line.codeDiscount)}</td>
                <td className="num">{money(line.customDiscount)}</td>
                <td className="num">{money(line.total)}</td>
                <td className="num">{line.refundedQty}</td>
              </tr>
            ))}
          />
          <Part
            caption={t('report.order.codes')}
            columns={[
              { label: t('report.orders.code') },
              { label: t('manage.col.tickets'), num: true },
              { label: t('report.discount'), num: true },
              { label: t('report.order.why') },
            ]}
            rows={detail.redemptions.map((r) => (
              <tr key={r.redemptionId}>
                <th scope="row">{r.code}</th>
                <td className="num">{r.tickets}</td>
                <td className="num">{money(r.discount)}</td>
                <td>
                  {r.overuse
                    ? t('report.order.overuse', {
                        reason: r.overuseReason ?? '—',
                        who: r.grantedByName ?? r.grantedBy ?? '—',
                      })
                    : ''}
                </td>
              </tr>
            ))}
          />
          <Part
            caption={t('report.order.approvals')}
            columns={[
              { label: t('report.orders.time') },
              { label: t('report.order.kind') },
              { label: t('report.order.approver') },
              { label: t('report.order.why') },
            ]}
            rows={detail.approvals.map((a) => (
              <tr key={`${a.kind}-${a.at}-${a.approverId}`}>
                <td>{dateTime(a.at)}</td>
                <th scope="row">{t(`report.order.approval.${a.kind}`)}</th>
                <td>{a.approverName ?? a.approverId}</td>
                <td>{reasonWithNote(a.reason, a.note)}</td>
              </tr>
            ))}
          />
          <Part
            caption={t('report.order.tenders')}
            columns={[
              { label: t('report.orders.time') },
              { label: t('report.order.tender') },
              { label: t('report.total'), num: true },
            ]}
            rows={detail.payments.map((p) => (
              <tr key={p.id}>
                <td>{dateTime(p.at)}</td>
                <th scope="row">
                  {t(`report.order.tender.${p.tender}`)}
                  {p.amount < 0 ? ` (${t('report.order.payback')})` : ''}
                </th>
                <td className="num">{money(p.amount)}</td>
              </tr>
            ))}
          />
          <Part
            caption={t('report.order.refunds')}
            columns={[
              { label: t('report.orders.time') },
              { label: t('report.order.kind') },
              { label: t('report.order.by') },
              { label: t('report.order.why') },
              { label: t('report.order.units'), num: true },
              { label: t('report.total'), num: true },
            ]}
            rows={detail.refunds.map((r) => (
              <tr key={r.refundId}>
                <td>{dateTime(r.at)}</td>
                <th scope="row">{t(`report.order.refund.${r.kind}`)}</th>
                <td>{r.staffName ?? r.staffId}</td>
                <td>{reasonWithNote(r.reason, r.note)}</td>
                <td className="num">{r.units}</td>
                <td className="num">{money(r.amount)}</td>
              </tr>
            ))}
          />
        </>
      ) : null}
    </>
  );
}
