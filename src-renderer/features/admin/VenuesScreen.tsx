import { useEffect, useId } from 'react';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { RecordTable } from '../../components/RecordTable';
import { RecordToolbar } from '../../components/RecordToolbar';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import { useVenueStore } from '../../stores/catalogue-stores';
import { CurrencyZoneFields } from './CurrencyZoneFields';

const PAGE = 50;

/** The organisation's venues: each has the currency its prices are in and the time zone of its clock. */
export function VenuesScreen() {
  const t = useT();
  const { filter, page, error, editing } = useVenueStore();
  const { setFilter, load, startCreate, startEdit, remove } = useVenueStore.getState();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div data-testid="venues-screen">
      <RecordToolbar
        q={filter.q}
        onSearch={(q) => setFilter({ q })}
        newLabel={t('admin.venues.new')}
        onNew={startCreate}
      />
      <RecordTable
        columns={[
          { label: t('admin.field.name'), cell: (v) => v.name },
          { label: t('admin.venues.currency'), cell: (v) => v.currency },
          { label: t('admin.venues.timezone'), cell: (v) => v.timezone },
        ]}
        page={page}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        onEdit={startEdit}
        deleteTitle={(v) => t('admin.venues.deleteTitle', { name: v.name })}
        remove={remove}
      />
      {editing ? <VenueForm key={editing.mode === 'edit' ? editing.row.id : 'new'} /> : null}
    </div>
  );
}

function VenueForm() {
  const t = useT();
  const id = useId();
  const editing = useVenueStore((s) => s.editing);
  const { save, closeEditor } = useVenueStore.getState();
  const row = editing?.mode === 'edit' ? editing.row : null;
  const form = useRecordForm({
    initial: {
      name: row?.name ?? '',
      currency: row?.currency ?? 'EUR',
      timezone: row?.timezone ?? 'Europe/Berlin',
    },
    schema: CATALOGUE_BODIES.venues,
    toBody: (d) => ({ ...d, currency: d.currency.trim().toUpperCase() }),
    save,
  });
  const { draft, set, errors } = form;
  return (
    <RecordFormDialog
      title={row ? t('admin.venues.edit', { name: row.name }) : t('admin.venues.new')}
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
      <CurrencyZoneFields
        id={id}
        currency={draft.currency}
        timezone={draft.timezone}
        onCurrency={(v) => set('currency', v)}
        onTimezone={(v) => set('timezone', v)}
        errors={errors}
        currencyHint={t('admin.venues.currencyHint')}
        timezoneHint={t('admin.venues.timezoneHint')}
      />
    </RecordFormDialog>
  );
}
