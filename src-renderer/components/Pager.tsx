import { useT } from '../i18n/use-t';

interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}

/** "26–50 of 1,204" with the previous and next page: every list pages rather than stopping short. */
export function Pager({ offset, limit, total, onChange }: PagerProps) {
  const t = useT();
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <div className="button-row pager">
      <span className="muted" aria-live="polite">
        {t('list.range', { first, last, total })}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('manage.page.previous')}
      </button>
      <button type="button" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('manage.page.next')}
      </button>
    </div>
  );
}
