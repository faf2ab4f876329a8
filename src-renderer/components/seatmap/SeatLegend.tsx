import { memo } from 'react';
import { SEAT_FLAGS, type SeatMap } from '../../../shared/seating/types';
import { useT } from '../../i18n/use-t';
import { bandIndex, SEAT_LOOKS, type SeatLook } from './seat-look';
import { FlagMark } from './SeatLayers';

/** What the colours and marks mean: the map's bands, the states drawn now, the flags the map uses. */
export const SeatLegend = memo(function SeatLegend({
  map,
  looks,
}: {
  map: SeatMap;
  looks: ReadonlyMap<string, SeatLook>;
}) {
  const t = useT();
  const shown = new Set(looks.values());
  const flags = SEAT_FLAGS.filter((f) => map.seats.some((s) => s.flags.includes(f)));
  return (
    <ul className="seatmap__legend" aria-label={t('seatmap.legend')}>
      {map.bands.map((band) => (
        <li key={`band-${band}`}>
          <svg viewBox="-1 -1 2 2" aria-hidden="true" className="seatmap__swatch">
            <circle className={`seat seat--b${bandIndex(map.bands, band)} seat--free`} r={0.8} />
          </svg>
          {t('seatmap.band', { band })}
        </li>
      ))}
      {SEAT_LOOKS.filter((look) => look !== 'free' && shown.has(look)).map((look) => (
        <li key={look}>
          <svg viewBox="-1 -1 2 2" aria-hidden="true" className="seatmap__swatch">
            <circle className={`seat seat--b0 seat--${look}`} r={0.8} />
          </svg>
          {t(`seatmap.look.${look}`)}
        </li>
      ))}
      {flags.map((flag) => (
        <li key={flag}>
          <svg viewBox="-1 -1 2 2" aria-hidden="true" className="seatmap__swatch">
            <FlagMark flag={flag} x={0} y={0} size={0.6} />
          </svg>
          {t(`seatmap.flag.${flag}`)}
        </li>
      ))}
    </ul>
  );
});
