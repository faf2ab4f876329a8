import { formatMinor } from '../money';
import { describeTargets, isNarrowing } from './targets';
import type { TargetRef } from './types';

// Hints tell staff what would make a code apply, in the short imperative the dropdown shows
// ("add 1 × child", "spend 12.50 more"). Amounts carry the currency's own number of decimals.

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

export function spendMoreHint(missing: number, currency: string): string {
  return `spend ${formatMinor(missing, currency)} more`;
}

export function spendLessHint(excess: number, currency: string): string {
  return `remove ${formatMinor(excess, currency)} of eligible items`;
}

export function addEligibleHint(count: number, noun: 'ticket' | 'item'): string {
  return `add ${count} more eligible ${plural(count, noun, `${noun}s`)}`;
}

export function moreAttendeesHint(count: number): string {
  return `add ${count} more ${plural(count, 'attendee', 'attendees')}`;
}

export function moreEventsHint(count: number): string {
  return `add items from ${count} more ${plural(count, 'event', 'events')}`;
}

export function sameEventHint(): string {
  return 'take every qualifying item from one event';
}

export interface Shortfall {
  qty: number;
  targets: readonly TargetRef[] | undefined;
}

/** "add 2 × adult and 1 × child"; a part without targets reads "1 more eligible ticket". */
export function addItemsHint(parts: readonly Shortfall[], noun: 'ticket' | 'item'): string {
  const words = parts
    .filter((part) => part.qty > 0)
    .map((part) =>
      isNarrowing(part.targets)
        ? `${part.qty} × ${describeTargets(part.targets)}`
        : `${part.qty} more eligible ${plural(part.qty, noun, `${noun}s`)}`,
    );
  return `add ${words.join(' and ')}`;
}
