import { useT } from '../i18n/use-t';

interface KeysetPagerProps {
  /** Whether a newer page was shown before this one. */
  hasNewer: boolean;
  /** Whether the server gave a cursor for an older page. */
  hasOlder: boolean;
  onNewer: () => void;
  onOlder: () => void;
}

/**
 * Newer and older pages of a list that pages by keyset (newest first): no "3 of 40" as Pager shows,
 * because counting every row is what keyset paging avoids.
 */
export function KeysetPager({ hasNewer, hasOlder, onNewer, onOlder }: KeysetPagerProps) {
  const t = useT();
  return (
    <div className="button-row pager">
      <button type="button" disabled={!hasNewer} onClick={onNewer}>
        {t('list.newer')}
      </button>
      <button type="button" disabled={!hasOlder} onClick={onOlder}>
        {t('list.older')}
      </button>
    </div>
  );
}
