import { useEffect, useId, useRef, useState } from 'react';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useDoorStore } from '../../stores/door-store';
import { DoorAnswer } from './DoorAnswer';
import { DoorCountsPanel } from './DoorCountsPanel';
import { DoorSetup } from './DoorSetup';

/** Counts change at the other doors too: read them again this often while the screen shows. */
const COUNTS_EVERY_MS = 10_000;

/** Door mode: a scan field that keeps the focus, the latest answer large, and the live counts. */
export function DoorScreen() {
  const t = useT();
  const at = useDateTime();
  const id = useId();
  const loaded = useDoorStore((s) => s.loaded);
  const door = useDoorStore((s) => s.door);
  const last = useDoorStore((s) => s.last);
  const error = useDoorStore((s) => s.error);
  const counts = useDoorStore((s) => s.counts);
  const load = useDoorStore((s) => s.load);
  const scan = useDoorStore((s) => s.scan);
  const refreshCounts = useDoorStore((s) => s.refreshCounts);
  const [changing, setChanging] = useState(false);
  const [text, setText] = useState('');
  const scanRef = useRef<HTMLInputElement>(null);
  const scanning = door !== null && !changing;

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!scanning) return;
    scanRef.current?.focus();
    const timer = setInterval(() => void refreshCounts(), COUNTS_EVERY_MS);
    // A keyboard-wedge scanner types wherever the focus is: any printable key outside a field goes to the
    // scan field, so a scan is never lost to a button that had the focus.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const inField = target?.closest('input, select, textarea, dialog[open]');
      if (!inField && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) scanRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [scanning, refreshCounts]);

  if (!loaded) return <p className="panel">{t('status.loading')}</p>;

  return (
    <section className="panel panel--wide door" aria-labelledby={`${id}-heading`} data-screen="door">
      <h1 id={`${id}-heading`}>{door ? t('door.atDoor', { door: door.door }) : t('door.heading')}</h1>
      {!scanning ? (
        <DoorSetup onDone={door ? () => setChanging(false) : null} />
      ) : (
        <>
          <p className="door__performances" data-testid="door-performances">
            {door.performances
              .map((p) => t('door.performance', { event: p.eventName, time: at(p.startsAt) }))
              .join(' · ')}
          </p>
          <form
            className="door__scan"
            onSubmit={(e) => {
              e.preventDefault();
              if (text === '') return;
              setText('');
              void scan(text);
              scanRef.current?.focus();
            }}
          >
            <label htmlFor={`${id}-scan`}>{t('door.scan.label')}</label>
            <input
              id={`${id}-scan`}
              ref={scanRef}
              className="door__scan-input"
              autoComplete="off"
              spellCheck={false}
              maxLength={400}
              value={text}
              onChange={(e) => setText(e.target.value)}
              // Back to the scan field whenever the focus falls to nothing (a click on the page).
              onBlur={(e) => {
                if (e.relatedTarget === null) setTimeout(() => scanRef.current?.focus(), 0);
              }}
              aria-describedby={`${id}-scan-hint`}
            />
            <span id={`${id}-scan-hint`} className="muted small">
              {t('door.scan.hint')}
            </span>
          </form>
          <DoorAnswer view={last} error={error} />
          <DoorCountsPanel counts={counts} />
          <button type="button" onClick={() => setChanging(true)}>
            {t('door.change')}
          </button>
        </>
      )}
    </section>
  );
}
