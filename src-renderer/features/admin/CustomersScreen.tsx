import { useEffect, useId, useState } from 'react';
import { customerBody, type Customer } from '../../../shared/customers/schema';
import { CheckField, TextAreaField } from '../../components/FormFields';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { RecordTable } from '../../components/RecordTable';
import { RecordToolbar } from '../../components/RecordToolbar';
import { TextField } from '../../components/TextField';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import { CUSTOMER_PAGE, useCustomerStore } from '../../stores/customer-stores';
import { CustomerHistoryDialog } from './CustomerHistoryDialog';

/** Groups as typed in one field, comma-separated, and back. */
const groupsOf = (typed: string) =>
  typed
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');

/** The organisation's customers: found by name, e-mail or phone, edited, and their orders and codes. */
export function CustomersScreen() {
  const t = useT();
  const { filter, page, error, notice, editing } = useCustomerStore();
  const { setFilter, load, startCreate, startEdit } = useCustomerStore.getState();
  const [history, setHistory] = useState<Customer | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div data-testid="customers-screen">
      <RecordToolbar
        q={filter.q}
        onSearch={(q) => setFilter({ q })}
        newLabel={t('admin.customers.new')}
        onNew={startCreate}
      />
      <p className="muted small">{t('admin.customers.searchHint')}</p>
      <RecordTable
        columns={[
          { label: t('admin.field.name'), cell: (c) => c.name },
          { label: t('admin.customers.email'), cell: (c) => c.email ?? '' },
          { label: t('admin.customers.phone'), cell: (c) => c.phone ?? '' },
          { label: t('admin.customers.groups'), cell: (c) => c.groups.join(', ') },
          {
            label: t('admin.customers.consentCol'),
            cell: (c) => (c.emailConsent ? t('admin.customers.yes') : t('admin.customers.no')),
          },
        ]}
        page={page}
        offset={filter.offset}
        limit={CUSTOMER_PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        notice={notice}
        onEdit={startEdit}
        editLabel={(c) => t('admin.customers.edit', { name: c.name })}
        actions={(c) => (
          <button
            type="button"
            aria-label={t('admin.customers.historyNamed', { name: c.name })}
            onClick={() => setHistory(c)}
          >
            {t('admin.customers.history')}
          </button>
        )}
      />
      {editing ? <CustomerForm key={editing.mode === 'edit' ? editing.row.id : 'new'} /> : null}
      {history ? <CustomerHistoryDialog customer={history} onClose={() => setHistory(null)} /> : null}
    </div>
  );
}

function CustomerForm() {
  const t = useT();
  const id = useId();
  const dateTime = useDateTime();
  const editing = useCustomerStore((s) => s.editing);
  const { save, closeEditor } = useCustomerStore.getState();
  const row = editing?.mode === 'edit' ? editing.row : null;
  const form = useRecordForm({
    initial: {
      name: row?.name ?? '',
      email: row?.email ?? '',
      phone: row?.phone ?? '',
      groups: row?.groups.join(', ') ?? '',
      emailConsent: row?.emailConsent ?? false,
      notes: row?.notes ?? '',
    },
    schema: customerBody,
    toBody: (d) => ({
      name: d.name,
      email: d.email.trim() || null,
      phone: d.phone.trim() || null,
      groups: groupsOf(d.groups),
      emailConsent: d.emailConsent,
      notes: d.notes,
    }),
    save,
  });
  const { draft, set, errors } = form;
  return (
    <RecordFormDialog
      title={row ? t('admin.customers.edit', { name: row.name }) : t('admin.customers.new')}
      form={form}
      onClose={closeEditor}
    >
      <TextField
        id={`${id}-name`}
        label={t('admin.field.name')}
        value={draft.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
        autoFocus
      />
      <TextField
        id={`${id}-email`}
        label={t('admin.customers.email')}
        type="email"
        value={draft.email}
        onChange={(v) => set('email', v)}
        error={errors.email}
      />
      <TextField
        id={`${id}-phone`}
        label={t('admin.customers.phone')}
        value={draft.phone}
        onChange={(v) => set('phone', v)}
        error={errors.phone}
      />
      <TextField
        id={`${id}-groups`}
        label={t('admin.customers.groups')}
        value={draft.groups}
        onChange={(v) => set('groups', v)}
        error={errors.groups}
        hint={t('admin.customers.groupsHint')}
      />
      <CheckField
        id={`${id}-consent`}
        label={t('admin.customers.consent')}
        checked={draft.emailConsent}
        onChange={(v) => set('emailConsent', v)}
      />
      {row?.emailConsentAt && draft.emailConsent ? (
        <p className="muted small">
          {t('admin.customers.consentSince', { date: dateTime(row.emailConsentAt) })}
        </p>
      ) : null}
      <TextAreaField
        id={`${id}-notes`}
        label={t('admin.customers.notes')}
        value={draft.notes}
        onChange={(v) => set('notes', v)}
        error={errors.notes}
        hint={t('admin.customers.notesHint')}
      />
    </RecordFormDialog>
  );
}
