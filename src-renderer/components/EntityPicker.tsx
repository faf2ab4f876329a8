import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { describedByOf, FieldError, FieldLabel } from './FormFields';

// Choosing records by name instead of typing their ids: the ARIA 1.2 combobox pattern (an input that
// owns a listbox; arrows move, Enter picks, Esc closes) with the chosen records as chips, each with its
// own remove button. It only displays and reports: the caller searches (usually through a store) and
// keeps what is chosen, so any back-office screen can use it for any kind of record.

export interface PickerOption {
  /** Unique among the options and the chosen chips. */
  key: string;
  label: string;
  /** What tells two same-named records apart, e.g. the event of a ticket type. */
  context?: string | undefined;
}

export interface PickerStrings {
  /** The accessible name of each chip's remove button, e.g. "Remove Hamlet". */
  remove: (label: string) => string;
  noResults: string;
  /** Read out when results arrive, e.g. "3 results". */
  results: (count: number) => string;
}

interface EntityPickerProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  chosen: PickerOption[];
  /** Options for a query ('' for the first few). Answers to older queries are ignored. */
  search: (query: string) => Promise<PickerOption[]>;
  onPick: (option: PickerOption) => void;
  onRemove: (key: string) => void;
  strings: PickerStrings;
  /** Controls shown before the input, e.g. which kind of record to search. */
  before?: ReactNode;
  /** One choice only: picking replaces the chosen one. */
  single?: boolean;
}

const SEARCH_DELAY_MS = 150;

function OptionText({ option }: { option: PickerOption }) {
  return (
    <>
      <span className="picker__label">{option.label}</span>
      {option.context ? <span className="picker__context"> · {option.context}</span> : null}
    </>
  );
}

export function EntityPicker(props: EntityPickerProps) {
  const { id, label, hint, error, chosen, search, onPick, onRemove, strings, before, single } = props;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<PickerOption[] | null>(null);
  const [active, setActive] = useState(-1);
  const asked = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = `${id}-listbox`;
  const chosenKeys = new Set(chosen.map((c) => c.key));
  const shown = (options ?? []).filter((o) => !chosenKeys.has(o.key));

  useEffect(() => {
    if (!open) return;
    const ticket = ++asked.current;
    const timer = setTimeout(() => {
      void search(query.trim()).then((found) => {
        if (ticket !== asked.current) return;
        setOptions(found);
        setActive(found.length > 0 ? 0 : -1);
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [open, query, search]);

  const close = () => {
    asked.current++;
    setOpen(false);
    setOptions(null);
    setActive(-1);
  };

  const pick = (option: PickerOption) => {
    if (single) for (const c of chosen) onRemove(c.key);
    onPick(option);
    setQuery('');
    close();
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive((i) => Math.min(shown.length - 1, i + 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setActive((i) => Math.max(0, i - 1));
        break;
      case 'Enter': {
        // Enter picks; it never submits the form around the picker (Ctrl+Enter still does).
        if (e.ctrlKey) return;
        e.preventDefault();
        const option = shown[active];
        if (open && option) pick(option);
        break;
      }
      case 'Escape':
        if (open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        } else if (query) {
          e.preventDefault();
          e.stopPropagation();
          setQuery('');
        }
        break;
    }
  };

  // An empty listbox is hidden: there is nothing to move through, and the status line says why.
  const expanded = open && shown.length > 0;
  const activeOption = expanded ? shown[active] : undefined;
  return (
    <div className="picker">
      <FieldLabel id={id} label={label} hint={hint} />
      {chosen.length > 0 ? (
        <ul className="picker__chips" aria-label={label}>
          {chosen.map((option) => (
            <li key={option.key} className="picker__chip">
              <OptionText option={option} />
              <button
                type="button"
                className="picker__remove"
                aria-label={strings.remove(option.label)}
                onClick={() => {
                  onRemove(option.key);
                  inputRef.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="picker__row">
        {before}
        <div className="picker__box">
          <input
            id={id}
            ref={inputRef}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={activeOption ? `${id}-option-${active}` : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedByOf(id, hint, error)}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onBlur={close}
          />
          <ul id={listId} role="listbox" aria-label={label} className="picker__list" hidden={!expanded}>
            {shown.map((option, i) => (
              <li
                key={option.key}
                id={`${id}-option-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'picker__option picker__option--active' : 'picker__option'}
                // Keeps the focus in the input, so the click does not close the list before it lands.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(option)}
              >
                <OptionText option={option} />
              </li>
            ))}
          </ul>
        </div>
      </div>
      {/* One live line: the count for screen readers, or a visible "nothing found". */}
      <p role="status" className={open && options && shown.length === 0 ? 'muted picker__empty' : 'sr-only'}>
        {open && options ? (shown.length > 0 ? strings.results(shown.length) : strings.noResults) : ''}
      </p>
      <FieldError id={id} error={error} />
    </div>
  );
}
