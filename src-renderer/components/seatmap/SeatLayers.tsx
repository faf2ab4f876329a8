import { memo, useLayoutEffect, useRef } from 'react';
import type { Seat, SeatFlag, SeatMap } from '../../../shared/seating/types';
import type { ViewBox } from './seat-geometry';
import type { SeatLook } from './seat-look';

// The drawn layers of the seat map. The seats themselves are 2,000 or more <circle role="option">
// elements: real options, so a screen reader, a test and a pointer find each seat by its name, but
// drawn outside React. Reconciling thousands of elements and naming each on every render cost more
// than the whole 100 ms target (docs/SEATING.md "Seat maps on screen"), so SeatsLayer creates the
// circles once per map and afterwards touches only the seats whose look, selection, focus or name
// changed. Marks and labels are separate React layers that do not re-render when a seat's state does.

const SVG_NS = 'http://www.w3.org/2000/svg';

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

/** What a drawn circle shows now, so a render writes only the attributes that changed. */
interface Drawn {
  circle: SVGCircleElement;
  className: string;
  selected: string | null;
  /** The look and selection its name was made for ('' : not named yet). */
  named: string;
}

/** The seat's classes: colours come from classes, not attributes (a band's, then its state's). */
function seatClass(band: number, look: SeatLook, selected: boolean, active: boolean): string {
  let className = `seat seat--b${band} seat--${look}`;
  if (selected) className += ' seat--selected';
  if (active) className += ' seat--active';
  return className;
}

export function SeatsLayer(props: SeatsLayerProps) {
  const { seats, idBase, looks, bandOf, selected, sayUnselected, active, r, nameOf } = props;
  const group = useRef<SVGGElement>(null);
  const drawn = useRef(new Map<string, Drawn>());
  const namedWith = useRef<SeatsLayerProps['nameOf'] | null>(null);

  // The circles, once per map (or size): only the id (aria-activedescendant, and the seat a pointer hit,
  // read back by the map), the role and the geometry. Everything that changes is written below.
  useLayoutEffect(() => {
    const g = group.current;
    if (!g) return;
    const fragment = document.createDocumentFragment();
    const next = new Map<string, Drawn>();
    for (const seat of seats) {
      const circle = document.createElementNS(SVG_NS, 'circle');
      circle.id = `${idBase}${seat.id}`;
      circle.setAttribute('role', 'option');
      circle.setAttribute('cx', String(seat.x));
      circle.setAttribute('cy', String(seat.y));
      circle.setAttribute('r', String(r));
      fragment.append(circle);
      next.set(seat.id, { circle, className: '', selected: null, named: '' });
    }
    g.replaceChildren(fragment);
    drawn.current = next;
  }, [seats, idBase, r]);

  // Each seat's look, selection and focus, written only where they changed. A name is
  // made again only when its look or selection changed, or when the names themselves did (language).
  useLayoutEffect(() => {
    const renamed = namedWith.current !== nameOf;
    namedWith.current = nameOf;
    for (const seat of seats) {
      const d = drawn.current.get(seat.id);
      if (!d) continue;
      const look = looks.get(seat.id) ?? 'unavailable';
      const isSelected = selected.has(seat.id);
      const className = seatClass(bandOf(seat), look, isSelected, active === seat.id);
      if (d.className !== className) {
        d.circle.setAttribute('class', className);
        d.className = className;
      }
      const said = isSelected ? 'true' : sayUnselected ? 'false' : null;
      if (d.selected !== said) {
        if (said === null) d.circle.removeAttribute('aria-selected');
        else d.circle.setAttribute('aria-selected', said);
        d.selected = said;
      }
      const named = `${look}:${isSelected}`;
      if (renamed || d.named !== named) {
        d.circle.setAttribute('aria-label', nameOf(seat, look, isSelected));
        d.named = named;
      }
    }
    // idBase and r: the circles were made again, so everything is written again.
  }, [seats, idBase, r, looks, bandOf, selected, sayUnselected, active, nameOf]);

  return <g role="group" ref={group} />;
}

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
