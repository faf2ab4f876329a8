import { useEffect, useState } from 'react';
import type { Result } from '../../shared/result';
import type { Page } from '../../shared/server-api/page';
import { useT } from '../i18n/use-t';

export interface Named {
  id: string;
  name: string;
}

interface LookupFieldProps {
  id: string;
  label: string;
  /** The record chosen, by id and name; null for none. */
  value: Named | null;
  onChange: (value: Named | null) => void;
  /** Records whose name contains the text (the server's `q`): the first page and how many in all. */
  search: (q: string) => Promise<Result<Page<Named>>>;
  /** Offer "none" with this label (a filter's "all", an optional reference's "any"). */
  noneLabel?: string;
  error?: string | null | undefined;
}

/**
 * Choose a record by its name, never by typing an id: a list of the records that match what is typed
 * into the search box under it. However many records there are, typing narrows the list to the one
 * wanted, so it never has to hold them all.
 */
export function LookupField({ id, label, value, onChange, search, noneLabel, error }: LookupFieldProps) {
  const t = useT();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Page<Named> | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void search(q).then((result) => {
        if (current && result.ok) setFound(result.value);
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, search]);

  const options = [...(found?.items ?? [])];
  if (value && !options.some((o) => o.id === value.id)) options.unshift(value);
  const describedBy = [`${id}-more`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field-cell lookup-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value?.id ?? ''}
        onChange={(e) => onChange(options.find((o) => o.id === e.target.value) ?? null)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {noneLabel !== undefined ? (
          <option value="">{noneLabel}</option>
        ) : value ? null : (
          <option value="">{t('admin.lookup.choose')}</option>
        )}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-q`} className="small">
        {t('admin.lookup.search', { label })}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        autoComplete="off"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <span id={`${id}-more`} className="muted small">
        {found && found.total > found.items.length
          ? t('admin.lookup.more', { shown: found.items.length, total: found.total })
          : ''}
      </span>
      {error ? (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
