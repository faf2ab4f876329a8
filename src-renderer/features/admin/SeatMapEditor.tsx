import { useId, useMemo, useState } from 'react';
import { HOLD_KINDS, SEAT_FLAGS, type HoldKind, type SeatFlag } from '../../../shared/seating/types';
import { CheckField, FormOutcome, SelectField } from '../../components/FormFields';
import { SeatChart } from '../../components/seatmap/SeatChart';
import { useT } from '../../i18n/use-t';
import type { SeatEdit } from '../../../shared/server-api/seat-map-calls';
import { useSeatMapStore } from '../../stores/seat-map-store';

/**
 * The open seat map: select seats (click, shift-click a row, drag a box, or the keyboard) and set their
 * band, the hold they carry in every performance, or their flags. Each change is one PATCH and a new
 * version of the map; the selection stays for the next change.
 */
export function SeatMapEditor() {
  const t = useT();
  const id = useId();
  const map = useSeatMapStore((s) => s.open);
  const selection = useSeatMapStore((s) => s.selection);
  const notice = useSeatMapStore((s) => s.notice);
  const { select, editSelected, closeMap, note } = useSeatMapStore.getState();
  const selected = useMemo(() => new Set(selection), [selection]);
  const [band, setBand] = useState(map?.bands[0] ?? '');
  const [hold, setHold] = useState<HoldKind | ''>('');
  const [flags, setFlags] = useState<SeatFlag[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!map) return null;

  const apply = async (edit: Omit<SeatEdit, 'seatIds'>) => {
    setBusy(true);
    const count = selection.length;
    const failure = await editSelected(edit);
    setBusy(false);
    setError(failure?.message ?? null);
    const version = useSeatMapStore.getState().open?.version ?? map.version;
    if (!failure) note(t('admin.seatMaps.saved', { count, version }));
  };
  const none = selection.length === 0 || busy;

  return (
    <div data-testid="seat-map-editor">
      <div className="manage__toolbar">
        <button type="button" onClick={closeMap}>
          {t('admin.seatMaps.back')}
        </button>
        <h2>{t('admin.seatMaps.editorTitle', { name: map.name, version: map.version })}</h2>
      </div>
      <SeatChart
        map={map}
        selected={selected}
        mode="select"
        label={t('seats.mapLabel', { name: map.name })}
        onSelect={select}
      />
      <div className="manage__toolbar">
        <strong data-testid="seat-selection" aria-live="polite">
          {t('admin.seatMaps.selection', { count: selection.length })}
        </strong>
        <button type="button" onClick={() => select(map.seats.map((s) => s.id))}>
          {t('admin.seatMaps.selectAll')}
        </button>
        <button type="button" onClick={() => select([])} disabled={selection.length === 0}>
          {t('admin.seatMaps.clear')}
        </button>
      </div>
      <div className="seat-edit">
        <div className="seat-edit__group">
          <SelectField
            id={`${id}-band`}
            label={t('admin.seatMaps.band')}
            value={band}
            options={map.bands.map((b) => ({ value: b, label: b }))}
            onChange={setBand}
          />
          <button type="button" disabled={none || !band} onClick={() => void apply({ band })}>
            {t('admin.seatMaps.setBand')}
          </button>
        </div>
        <div className="seat-edit__group">
          <SelectField<HoldKind | ''>
            id={`${id}-hold`}
            label={t('admin.seatMaps.hold')}
            value={hold}
            options={[
              { value: '', label: t('admin.seatMaps.noHold') },
              ...HOLD_KINDS.map((k) => ({ value: k, label: t(`hold.${k}`) })),
            ]}
            onChange={setHold}
          />
          <button type="button" disabled={none} onClick={() => void apply({ hold: hold || null })}>
            {t('admin.seatMaps.setHold')}
          </button>
        </div>
        <fieldset className="seat-edit__group">
          <legend>{t('admin.seatMaps.flags')}</legend>
          {SEAT_FLAGS.map((flag) => (
            <CheckField
              key={flag}
              id={`${id}-flag-${flag}`}
              label={t(`seatmap.flag.${flag}`)}
              checked={flags.includes(flag)}
              onChange={(on) => setFlags((f) => (on ? [...f, flag] : f.filter((x) => x !== flag)))}
            />
          ))}
          <button type="button" disabled={none} onClick={() => void apply({ flags })}>
            {t('admin.seatMaps.setFlags')}
          </button>
        </fieldset>
      </div>
      <FormOutcome error={error} notice={notice} testId="seat-edit" />
    </div>
  );
}
