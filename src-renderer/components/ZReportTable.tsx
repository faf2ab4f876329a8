import type { CashMovementKind } from '../../shared/cash/movements';
import type { ZReportView } from '../../shared/ipc/types';

interface ZReportTableProps {
  report: ZReportView;
  money: (amount: number) => string;
  dateTime: (iso: string) => string;
  t: (key: ZKey, values?: Record<string, string | number>) => string;
}

export type ZKey =
  | 'z.openedBy'
  | 'z.closedBy'
  | 'z.float'
  | 'z.expected'
  | 'z.counted'
  | 'z.difference'
  | 'z.tenders'
  | 'z.tender'
  | 'z.count'
  | 'z.amount'
  | 'z.sales'
  | 'z.orders'
  | 'z.gross'
  | 'z.codeDiscount'
  | 'z.customDiscount'
  | 'z.total'
  | 'z.refunds'
  | 'z.byCode'
  | 'z.code'
  | 'z.discount'
  | 'z.customByReason'
  | 'z.comps'
  | 'z.units'
  | 'z.value'
  | 'z.reason'
  | 'z.overuses'
  | 'z.receipt'
  | 'z.approver'
  | 'z.limits'
  | 'z.byCashier'
  | 'z.voided'
  | 'z.voidedSales'
  | 'z.trainingSales'
  | 'z.cashRounding'
  | 'z.sale'
  | 'z.cashier'
  | 'z.none'
  | 'tender.cash'
  | 'tender.card'
  | 'tender.complimentary'
  | 'tender.exchange'
  | 'tender.voucher'
  | 'refund.kind.refund'
  | 'refund.kind.void'
  | 'z.cashMovements'
  | 'z.time'
  | 'z.kind'
  | 'z.staff'
  | `cash.kind.${CashMovementKind}`;

function tenderKey(tender: string): ZKey {
  return tender === 'card'
    ? 'tender.card'
    : tender === 'complimentary'
      ? 'tender.complimentary'
      : tender === 'exchange'
        ? 'tender.exchange'
        : tender === 'voucher'
          ? 'tender.voucher'
          : 'tender.cash';
}

/** The limits column is stored as a JSON list of reasons. */
function limitsText(limits: string): string {
  try {
    const parsed: unknown = JSON.parse(limits);
    return Array.isArray(parsed) ? parsed.map(String).join(', ') : limits;
  } catch {
    return limits;
  }
}

/** The Z report's figures: cash against count, tenders, and the discount section. */
export function ZReportTable({ report, money, dateTime, t }: ZReportTableProps) {
  const { shift, figures } = report;
  const section = (title: string, head: string[], rows: (string | number)[][], testId: string) => (
    <table className="table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={head.length}>{t('z.none')}</td>
          </tr>
        ) : (
          rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
  return (
    <div className="zreport" data-testid="z-report">
      <dl className="fields">
        <div className="fields__row">
          <dt>{t('z.openedBy')}</dt>
          <dd>
            {report.openedByName} · {dateTime(shift.openedAt)}
          </dd>
        </div>
        {report.closedByName && shift.closedAt ? (
          <div className="fields__row">
            <dt>{t('z.closedBy')}</dt>
            <dd>
              {report.closedByName} · {dateTime(shift.closedAt)}
            </dd>
          </div>
        ) : null}
        <div className="fields__row">
          <dt>{t('z.float')}</dt>
          <dd data-testid="z-float">{money(shift.openingFloat)}</dd>
        </div>
        <div className="fields__row">
          <dt>{t('z.expected')}</dt>
          <dd data-testid="z-expected">{money(report.expectedCash)}</dd>
        </div>
        {report.countedCash !== null ? (
          <div className="fields__row">
            <dt>{t('z.counted')}</dt>
            <dd data-testid="z-counted">{money(report.countedCash)}</dd>
          </div>
        ) : null}
        {report.difference !== null ? (
          <div className="fields__row">
            <dt>{t('z.difference')}</dt>
            <dd data-testid="z-difference" className={report.difference < 0 ? 'error' : undefined}>
              {money(report.difference)}
            </dd>
          </div>
        ) : null}
        {/* docs/CASH.md "Cash rounding": the shift's net rounding, signed, already inside the cash. */}
        {figures.cashRounding !== 0 ? (
          <div className="fields__row">
            <dt>{t('z.cashRounding')}</dt>
            <dd data-testid="z-cash-rounding">
              {(figures.cashRounding > 0 ? '+' : '') + money(figures.cashRounding)}
            </dd>
          </div>
        ) : null}
      </dl>
      {section(
        t('z.tenders'),
        [t('z.tender'), t('z.count'), t('z.amount')],
        figures.byTender.map((r) => [t(tenderKey(r.tender)), r.count, money(r.amount)]),
        'z-tenders',
      )}
      {section(
        t('z.sales'),
        [t('z.orders'), t('z.gross'), t('z.codeDiscount'), t('z.customDiscount'), t('z.total')],
        [
          [
            figures.sales.count,
            money(figures.sales.gross),
            money(figures.sales.codeDiscount),
            money(figures.sales.customDiscount),
            money(figures.sales.total),
          ],
        ],
        'z-sales',
      )}
      {figures.voided.count > 0
        ? section(
            t('z.voidedSales'),
            [t('z.orders'), t('z.total')],
            [[figures.voided.count, money(figures.voided.total)]],
            'z-voided',
          )
        : null}
      {figures.training.count > 0
        ? section(
            t('z.trainingSales'),
            [t('z.orders'), t('z.total')],
            [[figures.training.count, money(figures.training.total)]],
            'z-training',
          )
        : null}
      {section(
        t('z.refunds'),
        [t('z.tender'), t('z.count'), t('z.amount')],
        figures.refunds.map((r) => [
          t(r.kind === 'void' ? 'refund.kind.void' : 'refund.kind.refund'),
          r.count,
          money(r.amount),
        ]),
        'z-refunds',
      )}
      {section(
        t('z.cashMovements'),
        [t('z.time'), t('z.kind'), t('z.reason'), t('z.staff'), t('z.amount')],
        figures.movements.map((m) => [
          dateTime(m.at),
          t(`cash.kind.${m.kind}`),
          m.note ? `${m.reason}: ${m.note}` : m.reason,
          m.staff,
          m.kind === 'no_sale' ? '' : money(m.amount),
        ]),
        'z-cash',
      )}
      {section(
        t('z.byCode'),
        [t('z.code'), t('z.orders'), t('z.discount')],
        figures.byCode.map((r) => [r.code, r.orders, money(r.discount)]),
        'z-codes',
      )}
      {section(
        t('z.customByReason'),
        [t('z.reason'), t('z.orders'), t('z.discount')],
        figures.customByReason.map((r) => [r.reason, r.orders, money(r.discount)]),
        'z-custom',
      )}
      {section(
        t('z.comps'),
        [t('z.reason'), t('z.units'), t('z.value')],
        [
          ...figures.comps.byReason.map((r) => [r.reason, r.count, money(r.value)]),
          ...(figures.comps.count > 0
            ? [[t('z.total'), figures.comps.count, money(figures.comps.value)]]
            : []),
        ],
        'z-comps',
      )}
      {section(
        t('z.overuses'),
        [t('z.receipt'), t('z.code'), t('z.approver'), t('z.reason'), t('z.limits'), t('z.sale')],
        figures.overuses.map((r) => [
          r.receiptNo,
          r.code,
          r.approver,
          r.reason,
          limitsText(r.limits),
          r.voided ? t('z.voided') : '',
        ]),
        'z-overuses',
      )}
      {section(
        t('z.byCashier'),
        [
          t('z.cashier'),
          t('z.orders'),
          t('z.total'),
          t('z.codeDiscount'),
          t('z.customDiscount'),
          t('z.voidedSales'),
        ],
        figures.byCashier.map((r) => [
          r.cashier,
          r.orders,
          money(r.total),
          money(r.codeDiscount),
          money(r.customDiscount),
          r.voided,
        ]),
        'z-cashiers',
      )}
    </div>
  );
}
