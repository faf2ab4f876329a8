import { useEffect, useId, useState } from 'react';
import { CATALOGUE_BODIES } from '../../../shared/catalogue/schemas';
import type { EventRecord } from '../../../shared/catalogue/types';
import type { Versioned } from '../../../shared/server-api/catalogue-calls';
import { RecordFormDialog } from '../../components/RecordFormDialog';
import { LookupField, type Named } from '../../components/LookupField';
import { RecordTable } from '../../components/RecordTable';
import { RecordToolbar } from '../../components/RecordToolbar';
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
      <RecordToolbar
        q={filter.q}
        onSearch={(q) => setFilter({ q })}
        newLabel={t('admin.events.new')}
        onNew={startCreate}
      >
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
      </RecordToolbar>
      <RecordTable
        columns={[
          { label: t('admin.field.name'), cell: (e) => e.name },
          { label: t('admin.events.venue'), cell: (e) => names[e.venueId] ?? '…' },
          { label: t('admin.field.category'), cell: (e) => e.category ?? '' },
        ]}
        page={page}
        offset={filter.offset}
        limit={PAGE}
        onPage={(offset) => setFilter({ offset })}
        error={error}
        onEdit={startEdit}
        deleteTitle={(e) => t('admin.events.deleteTitle', { name: e.name })}
        remove={remove}
        actions={(event) => (
          <>
            <button type="button" onClick={() => setOpen({ event, tab: 'performances' })}>
              {t('admin.events.performances')}
            </button>
            <button type="button" onClick={() => setOpen({ event, tab: 'prices' })}>
              {t('admin.events.prices')}
            </button>
            <button type="button" onClick={() => setOpen({ event, tab: 'layout' })}>
              {t('admin.events.layout')}
            </button>
          </>
        )}
      />
      {editing ? <EventForm key={editing.mode === 'edit' ? editing.row.id : 'new'} venue={venue} /> : null}
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
    <RecordFormDialog
      title={row ? t('admin.events.edit', { name: row.name }) : t('admin.events.new')}
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
    </RecordFormDialog>
  );
}
