import { useEffect, useId, useState } from 'react';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import type { Venue } from '../../../shared/catalogue/types';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { Pager } from '../../components/Pager';
import { SearchField } from '../../components/SearchField';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import { useVenueStore } from '../../stores/catalogue-stores';

const PAGE = 50;

/** The organisation's venues: each has the currency its prices are in and the time zone of its clock. */
export function VenuesScreen() {
  const t = useT();
  const id = useId();
  const { filter, page, error, editing } = useVenueStore();
  const { setFilter, load, startCreate, startEdit, remove } = useVenueStore.getState();
  const [deleting, setDeleting] = useState<Versioned<Venue> | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div data-testid="venues-screen">
      <div className="manage__toolbar">
        <SearchField
          id={`${id}-q`}
          label={t('admin.search')}
          value={filter.q}
          onSearch={(q) => setFilter({ q })}
        />
        <button type="button" className="primary" onClick={startCreate}>
          {t('admin.venues.new')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <table className="manage__table">
        <thead>
          <tr>
            <th scope="col">{t('admin.field.name')}</th>
            <th scope="col">{t('admin.venues.currency')}</th>
            <th scope="col">{t('admin.venues.timezone')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((venue) => (
            <tr key={venue.id}>
              <th scope="row">{venue.name}</th>
              <td>{venue.currency}</td>
              <td>{venue.timezone}</td>
              <td className="manage__actions">
                <button type="button" onClick={() => startEdit(venue)}>
                  {t('manage.codes.edit')}
                </button>
                <button type="button" onClick={() => setDeleting(venue)}>
                  {t('manage.codes.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.items.length === 0 ? <p className="muted">{t('admin.none')}</p> : null}
      {page ? (
        <Pager
          offset={filter.offset}
          limit={PAGE}
          total={page.total}
          onChange={(offset) => setFilter({ offset })}
        />
      ) : null}
      {editing ? <VenueForm key={editing.mode === 'edit' ? editing.row.id : 'new'} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('admin.venues.deleteTitle', { name: deleting.name })}
          body={t('admin.deleteBody')}
          confirmLabel={t('manage.codes.delete')}
          onConfirm={async () => (await remove(deleting))?.message ?? null}
          onClose={() => setDeleting(null)}
        />
      ) : null}
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
    <Dialog
      title={row ? t('admin.venues.edit', { name: row.name }) : t('admin.venues.new')}
      onClose={closeEditor}
    >
      <DialogForm
        busy={form.busy}
        error={form.formError}
        cancelLabel={t('dialog.cancel')}
        onCancel={closeEditor}
        submitLabel={t('admin.save')}
        onSubmit={() => void form.submit()}
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
          id={`${id}-currency`}
          label={t('admin.venues.currency')}
          value={draft.currency}
          onChange={(v) => set('currency', v)}
          error={errors.currency}
          maxLength={3}
          hint={t('admin.venues.currencyHint')}
        />
        <TextField
          id={`${id}-timezone`}
          label={t('admin.venues.timezone')}
          value={draft.timezone}
          onChange={(v) => set('timezone', v)}
          error={errors.timezone}
          hint={t('admin.venues.timezoneHint')}
        />
      </DialogForm>
    </Dialog>
  );
}
