import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { SeatMap, SeatStatus } from '../../../shared/seating/types';
import { SeatChart } from '../../../src-renderer/components/seatmap/SeatChart';
import { LanguageProvider } from '../../../src-renderer/i18n/language';
import { hallMap } from '../../fixtures/hall-map';

// The bench page of `ui.seatmap_render_ms` (test/bench/ui-seats.bench.ts): the seat map component alone,
// built by Vite as the renderer is, drawing a 2,000-seat hall with half its seats sold at random. The
// bench calls window.seatBench.render() and gets the milliseconds from the render call to the next paint.

/** A fixed pseudo-random half of the seats sold, so every run draws the same picture. */
function halfSold(map: SeatMap): SeatStatus[] {
  let state = 12345;
  return map.seats.map((seat) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return {
      seatId: seat.id,
      state: state % 2 === 0 ? 'sold' : 'free',
      holder: null,
      holdKind: null,
      expiresAt: null,
    };
  });
}

const params = new URLSearchParams(window.location.search);
const map = hallMap({ seats: Number(params.get('seats') ?? 2000) });
const statuses = halfSold(map);
const none = new Set<string>();
const mine = { cart: [], leased: [] };
const element = document.getElementById('root');
if (!element) throw new Error('no #root');
let root: Root | null = null;

const nextPaint = () =>
  new Promise<void>((resolve) => {
    // The frame's callbacks run before its paint; a task queued from them runs after it.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });

Object.assign(window, {
  seatBench: {
    seats: map.seats.length,
    async render(): Promise<number> {
      root?.unmount();
      root = createRoot(element);
      await nextPaint();
      const started = performance.now();
      flushSync(() => {
        root?.render(
          <LanguageProvider language="en">
            <SeatChart
              map={map}
              statuses={statuses}
              mine={mine}
              selected={none}
              mode="pick"
              label="Bench hall"
            />
          </LanguageProvider>,
        );
      });
      await nextPaint();
      const circles = element.querySelectorAll('circle[role="option"]').length;
      if (circles !== map.seats.length) throw new Error(`drew ${circles} of ${map.seats.length} seats`);
      return performance.now() - started;
    },
  },
});
document.body.dataset.ready = 'true';
