import { useEffect } from 'react';
import { useT } from '../../i18n/use-t';
import { useTrainingStore } from '../../stores/training-store';

/** A manager puts this terminal in training, or ends it (docs/CASH.md "Training mode"). */
export function TrainingSwitch() {
  const t = useT();
  const terminal = useTrainingStore((s) => s.terminal);
  const server = useTrainingStore((s) => s.server);
  const error = useTrainingStore((s) => s.error);
  const busy = useTrainingStore((s) => s.busy);
  const load = useTrainingStore((s) => s.load);
  const set = useTrainingStore((s) => s.set);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="training-heading" data-testid="training-switch">
      <h2 id="training-heading">{t('training.heading')}</h2>
      <p className="muted">{t('training.explain')}</p>
      {terminal === null ? null : (
        <>
          <p data-state={terminal ? 'on' : 'off'}>
            {t(terminal ? 'training.state.on' : 'training.state.off')}
          </p>
          <button type="button" disabled={busy} onClick={() => void set(!terminal)}>
            {t(terminal ? 'training.turnOff' : 'training.turnOn')}
          </button>
          {server ? (
            <p className="callout" data-testid="training-server">
              {t('training.state.server')}
            </p>
          ) : null}
        </>
      )}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
