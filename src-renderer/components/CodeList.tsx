import { useLayoutEffect, useRef, useState } from 'react';
import type { CodeOption } from '../../shared/ipc/domains/sell';

export const CODE_ROW_PX = 60;
const VISIBLE_ROWS = 6;
const OVERSCAN = 3;

interface CodeListProps {
  id: string;
  label: string;
  options: CodeOption[];
  activeIndex: number;
  /** The query these options answer; tests and the bench wait for it to match the field. */
  answered: string | null;
  formatSaving: (saving: number) => string;
  optionId: (index: number) => string;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
}

/**
 * The dropdown's listbox, windowed: only the rows in view (plus a few) are in the DOM, so a long
 * answer costs the same to draw as a short one.
 */
export function CodeList(props: CodeListProps) {
  const { id, label, options, activeIndex, answered, formatSaving, optionId, onPick, onHover } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = Math.min(options.length, VISIBLE_ROWS) * CODE_ROW_PX;

  // A new answer starts at its top (the scroll event then moves the window).
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
  }, [answered]);

  // Keep the active row in view when the arrow keys move past the window's edge.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * CODE_ROW_PX;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + CODE_ROW_PX > el.scrollTop + el.clientHeight)
      el.scrollTop = top + CODE_ROW_PX - el.clientHeight;
  }, [activeIndex]);

  const first = Math.max(0, Math.floor(scrollTop / CODE_ROW_PX) - OVERSCAN);
  const last = Math.min(options.length, Math.ceil((scrollTop + height) / CODE_ROW_PX) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const option = options[i];
    if (!option) continue;
    rows.push(
      <div
        key={option.codeId}
        id={optionId(i)}
        role="option"
        aria-selected={i === activeIndex}
        aria-setsize={options.length}
        aria-posinset={i + 1}
        className={`code-option${option.applies ? '' : ' code-option--no'}`}
        style={{ top: i * CODE_ROW_PX, height: CODE_ROW_PX }}
        data-code={option.code}
        onMouseDown={(e) => e.preventDefault()}
        onMouseMove={() => onHover(i)}
        onClick={() => onPick(i)}
      >
        <span className="code-option__head">
          <strong>{option.code}</strong>
          <span className="code-option__name">{option.name}</span>
          {option.applies ? (
            <span className="code-option__saving">−{formatSaving(option.saving)}</span>
          ) : null}
        </span>
        {option.applies ? null : (
          <span className="code-option__why">
            {option.message}
            {option.hint ? ` ${option.hint}` : ''}
          </span>
        )}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      id={id}
      role="listbox"
      aria-label={label}
      className="code-list"
      style={{ height }}
      data-testid="code-list"
      data-answered={answered ?? ''}
      data-count={options.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div role="presentation" className="code-list__spacer" style={{ height: options.length * CODE_ROW_PX }}>
        {rows}
      </div>
    </div>
  );
}
