import { memo } from 'react';
import type { Seat, SeatFlag, SeatMap } from '../../../shared/seating/types';
import type { ViewBox } from './seat-geometry';
import type { SeatLook } from './seat-look';

// The drawn layers of the seat map. Seats are one <circle> each, memoised on primitive props, with no
// handlers of their own (the <svg> listens once for all of them), so a hall of 2,000 seats re-renders
// only the seats whose look, selection or focus changed. Marks and labels are separate layers that do
// not re-render when a seat's state does.

interface SeatDotProps {
  seat: Seat;
  id: string;
  look: SeatLook;
  /** The band's place in the map's list: its colour class (seat--b0 …). */
  band: number;
  r: number;
  /** Undefined: not said (pick mode says only the chosen ones). */
  selected: boolean | undefined;
  active: boolean;
  name: string;
}

// As few attributes as a seat needs: the id (aria-activedescendant, and the seat a pointer hit, read back
// by the map), its name and role, and the circle itself. Colours come from classes, not attributes.
const SeatDot = memo(function SeatDot({ seat, id, look, band, r, selected, active, name }: SeatDotProps) {
  let className = `seat seat--b${band} seat--${look}`;
  if (selected) className += ' seat--selected';
  if (active) className += ' seat--active';
  return (
    <circle
      id={id}
      role="option"
      aria-label={name}
      aria-selected={selected}
      className={className}
      cx={seat.x}
      cy={seat.y}
      r={r}
    />
  );
});

interface SeatsLayerProps {
  seats: readonly Seat[];
  idBase: string;
  looks: ReadonlyMap<string, SeatLook>;
  bandOf: (seat: Seat) => number;
  selected: ReadonlySet<string>;
  /** Say aria-selected="false" too (a multi-select listbox), not only "true". */
  sayUnselected: boolean;
  active: string | null;
  r: number;
  nameOf: (seat: Seat, look: SeatLook, selected: boolean) => string;
}

export const SeatsLayer = memo(function SeatsLayer(props: SeatsLayerProps) {
  const { seats, idBase, looks, bandOf, selected, sayUnselected, active, r, nameOf } = props;
  return (
    <g role="group">
      {seats.map((seat) => {
        const look = looks.get(seat.id) ?? 'unavailable';
        const isSelected = selected.has(seat.id);
        return (
          <SeatDot
            key={seat.id}
            seat={seat}
            id={`${idBase}${seat.id}`}
            look={look}
            band={bandOf(seat)}
            r={r}
            selected={isSelected || (sayUnselected ? false : undefined)}
            active={active === seat.id}
            name={nameOf(seat, look, isSelected)}
          />
        );
      })}
    </g>
  );
});

/** A small mark per flag, at a fixed corner of the seat each, so two flags never cover each other. */
const FLAG_OFFSET: Record<SeatFlag, [number, number]> = {
  wheelchair: [-0.85, -0.85],
  companion: [0.85, -0.85],
  restricted_view: [0.85, 0.85],
  aisle: [-0.85, 0.85],
};

export function FlagMark({ flag, x, y, size }: { flag: SeatFlag; x: number; y: number; size: number }) {
  const s = size;
  switch (flag) {
    case 'wheelchair':
      return (
        <rect className="seat-flag seat-flag--wheelchair" x={x - s} y={y - s} width={2 * s} height={2 * s} />
      );
    case 'companion':
      return <circle className="seat-flag seat-flag--companion" cx={x} cy={y} r={s} />;
    case 'restricted_view':
      return (
        <polygon
          className="seat-flag seat-flag--restricted_view"
          points={`${x},${y - s} ${x + s},${y + s} ${x - s},${y + s}`}
        />
      );
    case 'aisle':
      return <rect className="seat-flag seat-flag--aisle" x={x - s} y={y - s / 3} width={2 * s} height={s} />;
  }
}

export const FlagsLayer = memo(function FlagsLayer({ seats, r }: { seats: readonly Seat[]; r: number }) {
  return (
    <g aria-hidden="true" className="seat-flags">
      {seats.flatMap((seat) =>
        seat.flags.map((flag) => {
          const [dx, dy] = FLAG_OFFSET[flag];
          return (
            <FlagMark
              key={`${seat.id}${flag}`}
              flag={flag}
              x={seat.x + dx * r}
              y={seat.y + dy * r}
              size={r * 0.22}
            />
          );
        }),
      )}
    </g>
  );
});

/** Seat labels and row names, only for what is in view and only when zoomed in far enough to read. */
export function LabelsLayer({
  map,
  view,
  r,
  rows,
}: {
  map: SeatMap;
  view: ViewBox;
  r: number;
  rows: readonly { row: string; seats: readonly Seat[] }[];
}) {
  const inView = (s: { x: number; y: number }) =>
    s.x >= view.x - r && s.x <= view.x + view.w + r && s.y >= view.y - r && s.y <= view.y + view.h + r;
  return (
    <g aria-hidden="true" className="seat-labels" fontSize={r * 0.95}>
      {map.seats.filter(inView).map((seat) => (
        <text key={seat.id} x={seat.x} y={seat.y} dy="0.35em" textAnchor="middle">
          {seat.label}
        </text>
      ))}
      {rows.map((row) => {
        const first = row.seats[0];
        if (!first || !inView(first)) return null;
        return (
          <text
            key={`${first.sectionId}${row.row}`}
            className="seat-labels__row"
            x={first.x - 2.2 * r}
            y={first.y}
            dy="0.35em"
            textAnchor="middle"
          >
            {row.row}
          </text>
        );
      })}
    </g>
  );
}
