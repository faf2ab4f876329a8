import type { BasketLine, TargetRef } from './types';

function valueOf(line: BasketLine, by: TargetRef['by']): string | undefined {
  switch (by) {
    case 'item':
      return line.itemId;
    case 'event':
      return line.eventId;
    case 'schedule':
      return line.scheduleId;
    case 'priceBand':
      return line.priceBandId;
    case 'inventoryItem':
      return line.inventoryItemId;
    case 'category':
      return line.category;
    case 'kind':
      return line.kind;
  }
}

export function matchesTarget(line: BasketLine, target: TargetRef): boolean {
  return valueOf(line, target.by) === target.id;
}

/** True when any target matches; an empty or missing list matches nothing. */
export function matchesAny(line: BasketLine, targets: readonly TargetRef[] | undefined): boolean {
  if (targets === undefined) return false;
  for (let i = 0; i < targets.length; i++) {
    if (valueOf(line, (targets[i] as TargetRef).by) === (targets[i] as TargetRef).id) return true;
  }
  return false;
}

/** A target list narrows only when it names something: omitted and [] both mean "every unit". */
export function isNarrowing(targets: readonly TargetRef[] | undefined): targets is readonly TargetRef[] {
  return targets !== undefined && targets.length > 0;
}

/** "child", "event A", "price band P1": the basket has no display names, so ids are what staff can match. */
export function describeTarget(target: TargetRef): string {
  switch (target.by) {
    case 'item':
    case 'kind':
      return target.id;
    case 'event':
      return `event ${target.id}`;
    case 'schedule':
      return `performance ${target.id}`;
    case 'priceBand':
      return `price band ${target.id}`;
    case 'inventoryItem':
      return `inventory item ${target.id}`;
    case 'category':
      return `category ${target.id}`;
  }
}

export function describeTargets(targets: readonly TargetRef[]): string {
  const shown = targets.slice(0, 3).map(describeTarget);
  return targets.length > 3 ? `${shown.join(', ')} or similar` : shown.join(' or ');
}
