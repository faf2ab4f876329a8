import type { DoorCountsView } from '../../../shared/ipc/domains/door';
import { useT } from '../../i18n/use-t';

/** Entered against expected, and per door; says whose view it is (the server's or this terminal's). */
export function DoorCountsPanel({ counts }: { counts: DoorCountsView | null }) {
  const t = useT();
  if (!counts) return null;
  return (
    <section className="door-counts" aria-labelledby="door-counts-heading" data-testid="door-counts">
      <h2 id="door-counts-heading">{t('door.counts.heading')}</h2>
      <p className="muted small" data-testid="door-counts-source">
        {t(counts.source === 'server' ? 'door.counts.server' : 'door.counts.terminal')}
      </p>
      <dl className="door-counts__figures">
        <div>
          <dt>{t('door.counts.entered')}</dt>
          <dd data-testid="door-entered">{counts.entered}</dd>
        </div>
        <div>
          <dt>{t('door.counts.expected')}</dt>
          <dd data-testid="door-expected">{counts.expected}</dd>
        </div>
        {counts.byDoor.map((d) => (
          <div key={d.door}>
            <dt>{t('door.counts.atDoor', { door: d.door })}</dt>
            <dd>{d.entered}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
