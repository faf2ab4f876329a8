import type { DoorScanView } from '../../../shared/ipc/domains/door';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { doorAnswer } from './door-answer';

/** The answer to the latest scan, large and in colour, read out by screen readers as it changes. */
export function DoorAnswer({ view, error }: { view: DoorScanView | null; error: string | null }) {
  const t = useT();
  const at = useDateTime();
  const answer = view ? doorAnswer(view, t, at) : null;
  const tone = error ? 'refused' : (answer?.tone ?? 'idle');
  return (
    <div
      className={`door-answer door-answer--${tone}`}
      data-testid="door-answer"
      data-outcome={view?.outcome.kind ?? (error ? 'error' : 'none')}
      role="status"
      aria-live="assertive"
      aria-atomic="true"
    >
      <p className="door-answer__sentence">{error ?? answer?.sentence ?? t('door.ready')}</p>
      {view ? (
        <p className="door-answer__source">
          {t(view.decidedBy === 'server' ? 'door.decided.server' : 'door.decided.terminal')}
        </p>
      ) : null}
    </div>
  );
}
