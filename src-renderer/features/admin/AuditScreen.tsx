import { Fragment, useEffect, useId, useState } from 'react';
import { changedFields, type AuditRowView } from '../../../shared/server-api/audit-calls';
import { DateRangeFields } from '../../components/DateRangeFields';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { SelectField } from '../../components/FormFields';
import { KeysetTable } from '../../components/KeysetTable';
import { SearchField } from '../../components/SearchField';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { dayRange } from '../../lib/date-range';
import { useAuditStore } from '../../stores/audit-store';

/** What the log records changes of; the server's entity kinds. */
const KINDS = [
  'organisation',
  'venue',
  'event',
  'performance',
  'price_band',
  'ticket_type',
  'ticket_price',
  'product',
  'code',
  'staff',
  'role',
  'terminal',
  'review_item',
  'customer',
] as const;

/** Every change in the back office: who, when, what, before and after; newest first, filterable, as CSV. */
export function AuditScreen() {
  const t = useT();
  const id = useId();
  const dateTime = useDateTime();
  const list = useAuditStore();
  const { filter, setFilter, load, csv } = list;
  const [days, setDays] = useState({ from: '', to: '' });
  const [open, setOpen] = useState<number | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const kindLabel = (kind: string) =>
    (KINDS as readonly string[]).includes(kind) ? t(`admin.audit.kind.${kind}` as MessageKey) : kind;
  const who = (row: AuditRowView) =>
    row.actorName ??
    (row.actorKind === 'staff' || row.actorKind === 'terminal' ? row.actorId : null) ??
    t(`admin.audit.actor.${row.actorKind}`);

  return (
    <div data-testid="audit-screen">
      <div className="manage__toolbar">
        <div className="field-cell">
          <SelectField<string>
            id={`${id}-kind`}
            label={t('admin.audit.kind')}
            value={filter.entityKind ?? ''}
            options={[
              { value: '', label: t('admin.audit.anyKind') },
              ...KINDS.map((k) => ({ value: k, label: kindLabel(k) })),
            ]}
            onChange={(entityKind) => setFilter({ entityKind, entityId: undefined })}
          />
        </div>
        <SearchField
          id={`${id}-action`}
          label={t('admin.audit.action')}
          value={filter.action ?? ''}
          onSearch={(action) => setFilter({ action: action.trim() })}
        />
        <DateRangeFields
          id={`${id}-range`}
          from={days.from}
          to={days.to}
          fromLabel={t('admin.audit.from')}
          toLabel={t('admin.audit.to')}
          onChange={(from, to) => {
            setDays({ from, to });
            const range = dayRange(from, to);
            setFilter({ from: range.from, to: range.to });
          }}
        />
        <ExportCsvButton label={t('admin.audit.csv')} fileName="audit-log.csv" load={csv} />
      </div>
      {filter.entityId ? (
        <p className="callout">
          {t('admin.audit.oneRecord', { kind: kindLabel(filter.entityKind ?? ''), id: filter.entityId })}{' '}
          <button type="button" onClick={() => setFilter({ entityId: undefined })}>
            {t('admin.audit.allRecords')}
          </button>
        </p>
      ) : null}
      <KeysetTable
        columns={[
          t('admin.audit.when'),
          t('admin.audit.who'),
          t('admin.audit.action'),
          t('admin.audit.record'),
          t('admin.audit.summary'),
          t('admin.actions'),
        ]}
        list={list}
        emptyText={t('admin.none')}
        row={(row) => (
          <Fragment key={row.id}>
            <tr>
              <td>{dateTime(row.at)}</td>
              <td>{who(row)}</td>
              <td>
                <code>{row.action}</code>
              </td>
              <td>
                {kindLabel(row.entityKind)}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => setFilter({ entityKind: row.entityKind, entityId: row.entityId })}
                  aria-label={t('admin.audit.historyOf', {
                    kind: kindLabel(row.entityKind),
                    id: row.entityId,
                  })}
                >
                  {row.entityId.slice(0, 8)}
                </button>
              </td>
              <td>{row.summary ?? ''}</td>
              <td>
                <button
                  type="button"
                  aria-expanded={open === row.id}
                  aria-controls={`${id}-detail-${row.id}`}
                  onClick={() => setOpen(open === row.id ? null : row.id)}
                >
                  {t('admin.audit.details')}
                </button>
              </td>
            </tr>
            {open === row.id ? (
              <tr id={`${id}-detail-${row.id}`}>
                <td colSpan={6}>
                  <BeforeAfter row={row} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        )}
      />
    </div>
  );
}

/** The record's fields before and after the change, side by side; changed ones are marked in words. */
function BeforeAfter({ row }: { row: AuditRowView }) {
  const t = useT();
  const changed = new Set(changedFields(row.before, row.after));
  const fields = [...new Set([...Object.keys(row.before ?? {}), ...Object.keys(row.after ?? {})])];
  const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));
  return (
    <table className="manage__table audit__diff">
      <caption>{t('admin.audit.beforeAfter')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.audit.field')}</th>
          <th scope="col">{t('admin.audit.before')}</th>
          <th scope="col">{t('admin.audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field} className={changed.has(field) ? 'audit__changed' : undefined}>
            <th scope="row">
              {field}
              {changed.has(field) ? <span className="badge">{t('admin.audit.changed')}</span> : null}
            </th>
            <td>{show(row.before?.[field])}</td>
            <td>{show(row.after?.[field])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
