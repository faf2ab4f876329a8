import { useEffect, useId, useState } from 'react';
import type { Venue } from '../../../shared/catalogue/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField } from '../../components/FormFields';
import { RowsTable } from '../../components/RowsTable';
import { useT } from '../../i18n/use-t';
import { allVenues } from '../../stores/catalogue-stores';
import { useSeatMapStore } from '../../stores/seat-map-store';
import type { SeatMapSummary } from '../../../shared/server-api/seat-map-calls';
import { SeatMapEditor } from './SeatMapEditor';
import { SeatMapImportDialog } from './SeatMapImportDialog';

/** A venue's seat maps (docs/BACKOFFICE.md "Seat maps"): import one, open one in the editor, delete one. */
export function SeatMapsScreen() {
  const t = useT();
  const id = useId();
  const { venueId, maps, error, notice, open } = useSeatMapStore();
  const { chooseVenue, openMap, remove, note } = useSeatMapStore.getState();
  const [venues, setVenues] = useState<Venue[] | null>(null);
  const [venuesError, setVenuesError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<SeatMapSummary | null>(null);

  useEffect(() => {
    void allVenues().then((r) => {
      if (!r.ok) return setVenuesError(r.message);
      setVenues(r.value);
      const first = r.value[0];
      if (first && !useSeatMapStore.getState().venueId) void chooseVenue(first.id);
    });
  }, [chooseVenue]);

  if (open) return <SeatMapEditor />;

  return (
    <div data-testid="seat-maps-screen">
      <div className="manage__toolbar">
        <div className="field-cell">
          <SelectField
            id={`${id}-venue`}
            label={t('admin.seatMaps.venue')}
            value={venueId ?? ''}
            options={[
              { value: '', label: t('admin.seatMaps.pickVenue') },
              ...(venues ?? []).map((v) => ({ value: v.id, label: v.name })),
            ]}
            onChange={(v) => void chooseVenue(v || null)}
            error={venuesError}
          />
        </div>
        <button type="button" className="primary" disabled={!venueId} onClick={() => setImporting(true)}>
          {t('admin.seatMaps.import')}
        </button>
      </div>
      {venueId ? (
        <RowsTable
          columns={[
            t('admin.field.name'),
            t('admin.seatMaps.seats'),
            t('admin.seatMaps.ga'),
            t('admin.seatMaps.version'),
            '',
          ]}
          rows={maps}
          error={error}
          notice={notice}
          emptyText={t('admin.seatMaps.none')}
          testId="seat-maps-table"
          row={(m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{m.seats}</td>
              <td>{m.gaCapacity}</td>
              <td>{m.version}</td>
              <td className="button-row">
                <button type="button" onClick={() => void openMap(m.id)}>
                  {t('admin.seatMaps.edit', { name: m.name })}
                </button>
                <button type="button" onClick={() => setDeleting(m)}>
                  {t('admin.seatMaps.delete', { name: m.name })}
                </button>
              </td>
            </tr>
          )}
        />
      ) : (
        <p className="muted">{t('admin.seatMaps.pickVenue')}</p>
      )}
      {importing ? <SeatMapImportDialog onClose={() => setImporting(false)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('admin.seatMaps.delete', { name: deleting.name })}
          body={t('admin.deleteBody')}
          confirmLabel={t('manage.codes.delete')}
          onConfirm={async () => {
            const failure = await remove(deleting.id);
            if (!failure) note(t('admin.seatMaps.deleted'));
            return failure?.message ?? null;
          }}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </div>
  );
}
