import { useEffect, useId, useRef, useState } from 'react';
import { CheckList } from '../../components/CheckList';
import { TextField } from '../../components/TextField';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useDoorStore } from '../../stores/door-store';

/** Pick the door's performances and name it; what was picked stays when the core refuses. */
export function DoorSetup({ onDone }: { onDone: (() => void) | null }) {
  const t = useT();
  const at = useDateTime();
  const id = useId();
  const options = useDoorStore((s) => s.options);
  const current = useDoorStore((s) => s.door);
  const open = useDoorStore((s) => s.open);
  const [picked, setPicked] = useState<string[]>(current?.performances.map((p) => p.id) ?? []);
  const [name, setName] = useState(current?.door ?? '');
  const [error, setError] = useState<{ field: 'performances' | 'name'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const firstBox = `${id}-performances-${options[0]?.id ?? ''}`;

  useEffect(() => {
    document.getElementById(firstBox)?.focus();
  }, [firstBox]);

  const submit = async () => {
    setError(null);
    if (picked.length === 0) return setError({ field: 'performances', message: t('door.setup.pickOne') });
    if (name.trim() === '') {
      setError({ field: 'name', message: t('door.setup.nameMissing') });
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    const failure = await open(picked, name.trim());
    setBusy(false);
    if (failure)
      setError({
        field: failure.reason === 'INVALID_REQUEST' ? 'name' : 'performances',
        message: failure.message,
      });
    else onDone?.();
  };

  return (
    <form
      className="form door-setup"
      aria-busy={busy}
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`}>{t('door.setup.heading')}</h2>
      <p>{t('door.setup.intro')}</p>
      {options.length === 0 ? <p className="error">{t('door.setup.none')}</p> : null}
      <CheckList
        id={`${id}-performances`}
        legend={t('door.setup.performances')}
        hint={t('door.setup.performancesHint')}
        options={options.map((p) => ({
          value: p.id,
          label: t('door.performance', { event: p.eventName, time: at(p.startsAt) }),
        }))}
        value={picked}
        onChange={setPicked}
        error={error?.field === 'performances' ? error.message : null}
      />
      <TextField
        id={`${id}-name`}
        label={t('door.setup.name')}
        hint={t('door.setup.nameHint')}
        value={name}
        onChange={setName}
        maxLength={60}
        inputRef={nameRef}
        error={error?.field === 'name' ? error.message : null}
      />
      <div className="door-setup__actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('door.setup.open')}
        </button>
        {onDone ? (
          <button type="button" onClick={onDone}>
            {t('door.setup.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
