import { useEffect, useState, type KeyboardEvent } from 'react';
import type { CustomerHit, CustomerSearchView } from '../../../shared/ipc/domains/customers';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';

/**
 * Search as you type (docs/CUSTOMERS.md "At the terminal"): the main process asks the server's store,
 * or the customers this terminal holds when offline, and says which. Keyboard first: arrows move
 * through the list, Enter attaches the one highlighted.
 */
export function CustomerSearch({
  id,
  busy,
  onPick,
}: {
  id: string;
  busy: boolean;
  onPick: (hit: CustomerHit) => void;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CustomerSearchView | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (q.trim() === '') return;
    let current = true;
    const timer = setTimeout(() => {
      void api.customers.search({ q }).then((result) => {
        if (!current) return;
        setFound(result.ok ? result.value : { source: 'local', items: [], notice: result.message });
        setActive(0);
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  const items = found?.items ?? [];
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (items.length === 0 ? 0 : (a + step + items.length) % items.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = items[active];
      if (hit && !busy) onPick(hit);
    }
  };
  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <div className="customer-search">
      <label htmlFor={id}>{t('customer.search')}</label>
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        autoFocus
        aria-expanded={items.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={items[active] ? optionId(active) : undefined}
        aria-describedby={`${id}-source`}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (e.target.value.trim() === '') setFound(null);
        }}
        onKeyDown={keys}
        maxLength={100}
      />
      <p id={`${id}-source`} className="muted small" data-testid="customer-source">
        {found === null
          ? t('customer.searchHint')
          : found.source === 'server'
            ? t('customer.fromServer', { count: items.length })
            : t('customer.fromTerminal', { count: items.length })}
        {found?.notice ? ` ${found.notice}` : ''}
      </p>
      <ul id={`${id}-list`} role="listbox" aria-label={t('customer.results')} className="customer-results">
        {items.map((hit, i) => (
          <li
            key={hit.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => !busy && onPick(hit)}
          >
            <strong>{hit.name}</strong>{' '}
            <span className="muted small">{[hit.email, hit.phone].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
