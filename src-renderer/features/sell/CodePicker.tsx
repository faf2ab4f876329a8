import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { CodeList } from '../../components/CodeList';
import { useT } from '../../i18n/use-t';
import { useMoney } from '../../i18n/use-money';
import { useSellStore } from '../../stores/sell-store';

const MAX_QUERY = 64;

/**
 * The code field and its dropdown (a combobox). Typing searches; ↑/↓ move; Enter applies the
 * highlighted code, or — with nothing highlighted — exactly what was typed, which is what a barcode
 * scanner's burst of keys followed by Enter needs (a scanned link with coupon=CODE works too).
 */
export function CodePicker({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const t = useT();
  const money = useMoney();
  const search = useSellStore((s) => s.search);
  const codeError = useSellStore((s) => s.codeError);
  const currency = useSellStore((s) => s.cart?.currency ?? 'EUR');
  const searchCodes = useSellStore((s) => s.searchCodes);
  const closeSearch = useSellStore((s) => s.closeSearch);
  const clearCode = useSellStore((s) => s.clearCode);
  const setLongInput = useSellStore((s) => s.setLongInput);
  const applyCode = useSellStore((s) => s.applyCode);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const options = open ? search.options : [];
  const activeOption = active >= 0 ? options[active] : undefined;

  const close = () => {
    setOpen(false);
    setActive(-1);
    closeSearch();
  };

  const apply = async (input: string) => {
    if (input.trim() === '') return;
    if (await applyCode(input)) {
      close();
      clearCode();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        searchCodes(search.query.length <= MAX_QUERY ? search.query : '');
        setActive(0);
        return;
      }
      const n = options.length;
      if (n === 0) return;
      setActive((i) => (e.key === 'ArrowDown' ? Math.min(n - 1, i + 1) : Math.max(0, i - 1)));
    } else if (e.key === 'PageDown' && open) {
      e.preventDefault();
      setActive((i) => Math.min(options.length - 1, i + 6));
    } else if (e.key === 'PageUp' && open) {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 6));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void apply(activeOption ? activeOption.code : search.query);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  const describedBy = [codeError ? `${id}-error` : null, activeOption ? `${id}-detail` : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="code-picker">
      <label htmlFor={id}>{t('code.label')}</label>
      <div className="code-picker__row">
        <input
          id={id}
          ref={inputRef}
          role="combobox"
          aria-expanded={open && options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? optionId(active) : undefined}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={describedBy || undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('code.placeholder')}
          value={search.query}
          onChange={(e) => {
            const value = e.target.value;
            setActive(-1);
            setOpen(true);
            if (value.length <= MAX_QUERY) searchCodes(value);
            else setLongInput(value);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
          data-testid="code-input"
        />
        <button type="button" onClick={() => void apply(activeOption ? activeOption.code : search.query)}>
          {t('code.apply')}
        </button>
      </div>
      {open && search.answered !== null ? (
        options.length > 0 ? (
          <div className="code-picker__popup">
            <CodeList
              id={listId}
              label={t('code.list')}
              options={options}
              activeIndex={active}
              answered={search.answered}
              formatSaving={(saving) => money(saving, currency)}
              optionId={optionId}
              onHover={setActive}
              onPick={(index) => {
                const option = options[index];
                if (option) void apply(option.code);
              }}
            />
            {activeOption && !activeOption.applies ? (
              <p id={`${id}-detail`} className="code-picker__detail">
                {activeOption.message} {activeOption.hint}
              </p>
            ) : activeOption ? (
              <p id={`${id}-detail`} className="code-picker__detail">
                {activeOption.description}
              </p>
            ) : null}
          </div>
        ) : (
          <p
            className="code-picker__popup muted"
            data-testid="code-list-empty"
            data-answered={search.answered}
          >
            {search.error ?? t('code.none')}
          </p>
        )
      ) : null}
      {codeError ? (
        <p id={`${id}-error`} role="alert" className="error" data-testid="code-error">
          {codeError}
        </p>
      ) : null}
    </div>
  );
}
