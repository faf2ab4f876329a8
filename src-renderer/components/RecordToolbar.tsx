import { useId, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { SearchField } from './SearchField';

interface RecordToolbarProps {
  /** The search text the list is filtered by (the server's `q`). */
  q: string;
  onSearch: (q: string) => void;
  newLabel: string;
  onNew: () => void;
  /** Filters before the search field, e.g. the venue or the kind. */
  children?: ReactNode;
}

/** Above a record list: its filters, a search by name and the button for a new record. */
export function RecordToolbar({ q, onSearch, newLabel, onNew, children }: RecordToolbarProps) {
  const t = useT();
  const id = useId();
  return (
    <div className="manage__toolbar">
      {children}
      <SearchField id={`${id}-q`} label={t('admin.search')} value={q} onSearch={onSearch} />
      <button type="button" className="primary" onClick={onNew}>
        {newLabel}
      </button>
    </div>
  );
}
