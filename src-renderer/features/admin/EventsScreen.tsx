import { useEffect, useId, useState } from 'react';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import type { EventRecord } from '../../../shared/catalogue/types';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { DialogForm } from '../../components/DialogForm';
import { LookupField, type Named } from '../../components/LookupField';
import { Pager } from '../../components/Pager';
import { SearchField } from '../../components/SearchField';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import { useRecordForm } from '../../lib/use-record-form';
import { findByName, useEventStore, useNameStore } from '../../stores/catalogue-stores';
import { EventDetail, type EventTab } from './EventDetail';

const PAGE = 50;
const findVenues = (q: string) => findByName('venues', q);

/** The organisation's events, by venue; each opens on its performances or its prices. */
export function EventsScreen() {
  const t = useT();
  const id = useId();
  const { filter, page, error, editing } = useEventStore();
  const { setFilter, load, startCreate, startEdit, remove } = useEventStore.getState();
  const names = useNameStore((s) => s.names);
  const [venue, setVenue] = useState<Named | null>(null);
  const [deleting, setDeleting] = useState<Versioned<EventRecord> | null>(null);
  const [open, setOpen] = useState<{ event: Versioned<EventRecord>; tab: EventTab } | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (page)
      void useNameStore.getState().resolve(
        'venues',
        page.items.map((e) => e.venueId),
      );
  }, [page]);

  if (open) {
    return (
      <EventDetail
        event={open.event}
        tab={open.tab}
        onTab={(tab) => setOpen({ ...open, tab })}
        onBack={() => setOpen(null)}
      />
    );
  }
  return (
    <div data-testid="events-screen">
      <div className="manage__toolbar">
        <LookupField
          id={`${id}-venue`}
          label={t('admin.events.venue')}
          value={venue}
          noneLabel={t('admin.events.allVenues')}
          search={findVenues}
          onChange={(v) => {
            setVenue(v);
            setFilter({ venueId: v?.id });
          }}
        />
        <SearchField
          id={`${id}-q`}
          label={t('admin.search')}
          value={filter.q}
          onSearch={(q) => setFilter({ q })}
        />
        <button type="button" className="primary" onClick={startCreate}>
          {t('admin.events.new')}
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
            <th scope="col">{t('admin.events.venue')}</th>
            <th scope="col">{t('admin.field.category')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((event) => (
            <tr key={event.id}>
              <th scope="row">{event.name}</th>
              <td>{names[event.venueId] ?? '…'}</td>
              <td>{event.category ?? ''}</td>
              <td className="manage__actions">
                <button type="button" onClick={() => setOpen({ event, tab: 'performances' })}>
                  {t('admin.events.performances')}
                </button>
                <button type="button" onClick={() => setOpen({ event, tab: 'prices' })}>
                  {t('admin.events.prices')}
                </button>
                <button type="button" onClick={() => startEdit(event)}>
                  {t('manage.codes.edit')}
                </button>
                <button type="button" onClick={() => setDeleting(event)}>
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
      {editing ? <EventForm key={editing.mode === 'edit' ? editing.row.id : 'new'} venue={venue} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('admin.events.deleteTitle', { name: deleting.name })}
          body={t('admin.deleteBody')}
          confirmLabel={t('manage.codes.delete')}
          onConfirm={async () => (await remove(deleting))?.message ?? null}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </div>
  );
}

/** `venue`: the venue the list is filtered by, which a new event starts at. */
function EventForm({ venue }: { venue: Named | null }) {
  const t = useT();
  const id = useId();
  const editing = useEventStore((s) => s.editing);
  const names = useNameStore((s) => s.names);
  const { save, closeEditor } = useEventStore.getState();
  const row = editing?.mode === 'edit' ? editing.row : null;
  const form = useRecordForm({
    initial: {
      venue: row ? { id: row.venueId, name: names[row.venueId] ?? row.venueId } : venue,
      name: row?.name ?? '',
      description: row?.description ?? '',
      category: row?.category ?? '',
    },
    schema: CATALOGUE_BODIES.events,
    toBody: (d) => ({
      venueId: d.venue?.id ?? '',
      name: d.name,
      description: d.description,
      category: d.category.trim() || null,
    }),
    save,
  });
  const { draft, set, errors } = form;
  return (
    <Dialog
      title={row ? t('admin.events.edit', { name: row.name }) : t('admin.events.new')}
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
        {row ? (
          // An event never moves to another venue: its sales and prices belong to this one.
          <p className="muted">{t('admin.events.atVenue', { venue: draft.venue?.name ?? '' })}</p>
        ) : (
          <LookupField
            id={`${id}-venue`}
            label={t('admin.events.venue')}
            value={draft.venue}
            search={findVenues}
            onChange={(v) => set('venue', v)}
            error={errors.venueId && t('admin.events.chooseVenue')}
          />
        )}
        <TextField
          id={`${id}-category`}
          label={t('admin.field.category')}
          value={draft.category}
          onChange={(v) => set('category', v)}
          error={errors.category}
        />
        <TextField
          id={`${id}-description`}
          label={t('admin.events.description')}
          value={draft.description}
          onChange={(v) => set('description', v)}
          error={errors.description}
        />
      </DialogForm>
    </Dialog>
  );
}
