import { useEffect, useState } from 'react';

interface SearchFieldProps {
  id: string;
  label: string;
  value: string;
  /** Called once typing settles, so the server is not asked at every key. */
  onSearch: (value: string) => void;
}

export function SearchField({ id, label, value, onSearch }: SearchFieldProps) {
  const [query, setQuery] = useState(value);
  useEffect(() => {
    if (query === value) return;
    const timer = setTimeout(() => onSearch(query), 250);
    return () => clearTimeout(timer);
  }, [query, value, onSearch]);
  return (
    <div className="field-cell">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
    </div>
  );
}
