import { listedReason, reasonsFor, type ReasonCategory, type ReasonLists } from '../../shared/cash/reasons';
import { err, ok, type Result } from '../../shared/result';
import type { MessageKey, Translate } from '../messages';

// docs/CASH.md "Reasons": every reason the till takes is checked here against the organisation's list
// for its category, whatever the dropdown offered, and recorded as the label is listed.

/** The keys that refuse an unlisted reason: comps and cash movements kept their own wording. */
type NotListed = 'REASON_NOT_LISTED' | 'COMP_REASON_NOT_LISTED' | 'CASH_REASON_NOT_LISTED';

/** The reason as listed for the category, or the sentence naming the choices. */
export function checkReason(
  lists: ReasonLists | null | undefined,
  category: ReasonCategory,
  reason: string,
  t: Translate,
  key: NotListed & MessageKey = 'REASON_NOT_LISTED',
): Result<string> {
  const listed = listedReason(lists, category, reason);
  return listed === undefined
    ? err(key, t(key, { reason, reasons: reasonsFor(lists, category).join(', ') }))
    : ok(listed);
}
