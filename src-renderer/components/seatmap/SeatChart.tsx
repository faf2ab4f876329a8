import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Seat, SeatMap, SeatStatus } from '../../../shared/seating/types';
import { useT } from '../../i18n/use-t';
import {
  fitViewBox,
  indexSeats,
  keepInView,
  neighbour,
  pitchOnScreen,
  rowRange,
  seatPitch,
  seatsInRect,
  zoomAt,
  zoomLimits,
  type Direction,
  type ViewBox,
} from './seat-geometry';
import { bandIndex, canPick, seatLooks, type SeatLook, type SeatOwnership } from './seat-look';
import { FlagsLayer, LabelsLayer, SeatsLayer } from './SeatLayers';
import { SeatLegend } from './SeatLegend';
import { useElementSize } from './use-element-size';
import { useMapGestures, type Point } from './use-map-gestures';

// The seat map, drawn as SVG from props only (docs/SEATING.md "At the window", "In the back office").
// One focusable listbox: the arrow keys move an active seat (aria-activedescendant) from seat to seat and
// row to row, Enter or Space chooses it. `pick` mode (the window) toggles one seat at a time through
// `onToggle`; `select` mode (the back office) keeps a selection the parent holds: click, shift-click a
// range in a row, ctrl-click or drag a box.

export type SeatChartMode = 'pick' | 'select';

export interface SeatChartProps {
  map: SeatMap;
  /** The seats' states in a performance; absent for a map being edited (its holds are drawn). */
  statuses?: readonly SeatStatus[];
  /** The viewer's own seats: in this cart, leased to this window. */
  mine?: SeatOwnership;
  /** Offline at the window: only leased seats can be chosen. */
  leasedOnly?: boolean;
  selected: ReadonlySet<string>;
  mode: SeatChartMode;
  /** The map's accessible name. */
  label: string;
  onToggle?: (seatId: string) => void;
  onSelect?: (seatIds: string[]) => void;
}

const ZOOM_STEP = 1.4;
/**
 * Seat numbers and row letters are drawn from this many screen pixels per seat on. A label is a third
 * of the pitch high, so below it they could not be read, and a big hall seen whole would lay out
 * thousands of texts nobody can read: most of a frame (docs/SEATING.md "Seat maps on screen").
 */
const LABELS_FROM_PX = 16;
const KEYS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'home',
  End: 'end',
};

export function SeatChart(props: SeatChartProps) {
  const { map, statuses, mine, leasedOnly, selected, mode, label, onToggle, onSelect } = props;
  const t = useT();
  const idBase = `${useId().replace(/:/g, '')}-seat-`;
  const svgRef = useRef<SVGSVGElement>(null);
  const size = useElementSize(svgRef);

  const index = useMemo(() => indexSeats(map), [map]);
  const pitch = useMemo(() => seatPitch(map.seats), [map.seats]);
  const fit = useMemo(() => fitViewBox(map.seats, pitch), [map.seats, pitch]);
  const limits = useMemo(() => zoomLimits(fit, pitch), [fit, pitch]);
  const looks = useMemo(
    () => seatLooks(map.seats, { statuses, mine, leasedOnly }),
    [map.seats, statuses, mine, leasedOnly],
  );
  const sectionName = useMemo(() => new Map(map.sections.map((s) => [s.id, s.name])), [map.sections]);

  const [view, setView] = useState<ViewBox>(fit);
  const [active, setActive] = useState<string | null>(null);
  const [box, setBox] = useState<{ a: Point; b: Point } | null>(null);
  const anchor = useRef<string | null>(null);
  // A new map (or a new version of it) is seen whole again; fresh states of the same map keep the view.
  const drawn = `${map.id}:${map.version}`;
  const [shown, setShown] = useState(drawn);
  if (shown !== drawn) {
    setShown(drawn);
    setView(fit);
    setActive(null);
  }

  const r = pitch * 0.4;
  const bandOf = useCallback((seat: Seat) => bandIndex(map.bands, seat.band), [map.bands]);
  const nameOf = useCallback(
    (seat: Seat, look: SeatLook, isSelected: boolean) => {
      const parts = [
        t('seatmap.seatName', {
          section: sectionName.get(seat.sectionId) ?? '',
          row: seat.row,
          seat: seat.label,
          state: t(`seatmap.look.${look}`),
          band: seat.band,
        }),
        ...seat.flags.map((f) => t(`seatmap.flag.${f}`)),
      ];
      if (isSelected && mode === 'select') parts.push(t('seatmap.selected'));
      return parts.join(', ');
    },
    [t, sectionName, mode],
  );

  const choose = (seatId: string, shift: boolean) => {
    setActive(seatId);
    if (mode === 'pick') {
      if (canPick(looks.get(seatId))) onToggle?.(seatId);
      return;
    }
    const next = new Set(selected);
    if (shift && anchor.current) for (const id of rowRange(index, anchor.current, seatId)) next.add(id);
    else if (next.has(seatId)) next.delete(seatId);
    else next.add(seatId);
    anchor.current = seatId;
    onSelect?.([...next]);
  };

  const gestures = useMapGestures({
    svgRef,
    seatOf: (element) => (element.id.startsWith(idBase) ? element.id.slice(idBase.length) : null),
    view,
    setView,
    limits,
    boxSelect: mode === 'select',
    onTap: (seatId, keys) => {
      if (seatId) choose(seatId, keys.shift);
    },
    onBox: (drawn, done, additive) => {
      if (!done) return setBox(drawn);
      setBox(null);
      if (!drawn) return;
      const inBox = seatsInRect(map.seats, drawn.a, drawn.b);
      onSelect?.(additive ? [...new Set([...selected, ...inBox])] : inBox);
    },
  });

  const zoom = (factor: number) => setView((v) => zoomAt(v, factor, v.x + v.w / 2, v.y + v.h / 2, limits));

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const direction = KEYS[e.key];
    if (direction) {
      e.preventDefault();
      const next = neighbour(index, active, direction);
      const seat = next ? index.byId.get(next) : undefined;
      if (!next || !seat) return;
      if (e.shiftKey && mode === 'select' && active) {
        anchor.current ??= active;
        onSelect?.([...new Set([...selected, ...rowRange(index, anchor.current, next)])]);
      }
      setActive(next);
      setView((v) => keepInView(v, seat.x, seat.y, pitch));
    } else if ((e.key === 'Enter' || e.key === ' ') && active) {
      e.preventDefault();
      choose(active, e.shiftKey);
    } else if (e.key === '+' || e.key === '=') zoom(ZOOM_STEP);
    else if (e.key === '-') zoom(1 / ZOOM_STEP);
    else if (e.key === '0') setView(fit);
  };

  const onFocus = () => {
    if (active) return;
    const first = [...selected].find((id) => index.at.has(id)) ?? neighbour(index, null, 'home');
    setActive(first);
  };

  const showLabels = pitchOnScreen(view, size, pitch) >= LABELS_FROM_PX;
  const sectionTitles = useMemo(() => {
    return map.sections.flatMap((section) => {
      const seats = map.seats.filter((s) => s.sectionId === section.id);
      if (seats.length === 0) return [];
      const x = seats.reduce((sum, s) => sum + s.x, 0) / seats.length;
      const y = Math.min(...seats.map((s) => s.y)) - pitch * 0.8;
      return [{ id: section.id, name: section.name, x, y }];
    });
  }, [map.sections, map.seats, pitch]);

  return (
    <div className="seatmap" data-testid="seat-map" data-mode={mode}>
      <div className="seatmap__tools" role="group" aria-label={label}>
        <button type="button" onClick={() => zoom(ZOOM_STEP)} aria-label={t('seatmap.zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => zoom(1 / ZOOM_STEP)} aria-label={t('seatmap.zoomOut')}>
          −
        </button>
        <button type="button" onClick={() => setView(fit)}>
          {t('seatmap.fit')}
        </button>
        <span className="muted small" id={`${idBase}help`}>
          {t(mode === 'select' ? 'seatmap.helpSelect' : 'seatmap.help')}
        </span>
      </div>
      <svg
        ref={svgRef}
        className="seatmap__svg"
        viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
        role="listbox"
        aria-label={label}
        aria-describedby={`${idBase}help`}
        aria-multiselectable={mode === 'select' || undefined}
        aria-activedescendant={active ? `${idBase}${active}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        {...gestures}
      >
        <g aria-hidden="true" className="seatmap__sections" fontSize={pitch * 0.6}>
          {sectionTitles.map((s) => (
            <text key={s.id} x={s.x} y={s.y} textAnchor="middle">
              {s.name}
            </text>
          ))}
        </g>
        <SeatsLayer
          seats={map.seats}
          idBase={idBase}
          looks={looks}
          bandOf={bandOf}
          selected={selected}
          sayUnselected={mode === 'select'}
          active={active}
          r={r}
          nameOf={nameOf}
        />
        <FlagsLayer seats={map.seats} r={r} />
        {showLabels ? <LabelsLayer map={map} view={view} r={r} rows={index.rows} /> : null}
        {box ? (
          <rect
            className="seatmap__box"
            aria-hidden="true"
            x={Math.min(box.a.x, box.b.x)}
            y={Math.min(box.a.y, box.b.y)}
            width={Math.abs(box.a.x - box.b.x)}
            height={Math.abs(box.a.y - box.b.y)}
          />
        ) : null}
      </svg>
      <SeatLegend map={map} looks={looks} />
    </div>
  );
}
