import { useCallback, useId, useState } from 'react';
import {
  CATALOGUE_SEARCH_KINDS,
  TARGET_BY,
  type CatalogueHit,
  type CatalogueSearchKind,
} from '../../../shared/catalogue/search';
import type { TargetRef } from '../../../shared/discounts';
import { EntityPicker, type PickerOption } from '../../components/EntityPicker';
import type { MessageKey } from '../../i18n/messages';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useCatalogueSearchStore } from '../../stores/catalogue-search-store';

// A code's targets picked by name (docs/ENGINE.md targets): catalogue rows are searched on the server;
// a category, an inventory item or a line kind has no row to find, so what is typed is offered as is.

const FREE_KINDS = ['category', 'inventoryItem', 'kind'] as const;
type PickKind = CatalogueSearchKind | (typeof FREE_KINDS)[number];
const PICK_KINDS: readonly PickKind[] = [...CATALOGUE_SEARCH_KINDS, ...FREE_KINDS];

const KIND_LABEL: Record<PickKind, MessageKey> = {
  event: 'manage.pick.kind.event',
  performance: 'manage.pick.kind.performance',
  ticketType: 'manage.pick.kind.ticketType',
  priceBand: 'manage.pick.kind.priceBand',
  product: 'manage.pick.kind.product',
  category: 'manage.pick.kind.category',
  inventoryItem: 'manage.pick.kind.inventoryItem',
  kind: 'manage.pick.kind.kind',
};

/** What a target's `by` is called when no catalogue row names it. */
const BY_LABEL: Record<TargetRef['by'], MessageKey> = {
  event: 'manage.pick.kind.event',
  schedule: 'manage.pick.kind.performance',
  item: 'manage.pick.kind.item',
  priceBand: 'manage.pick.kind.priceBand',
  category: 'manage.pick.kind.category',
  inventoryItem: 'manage.pick.kind.inventoryItem',
  kind: 'manage.pick.kind.kind',
};

const keyOf = (t: TargetRef) => `${t.by}:${t.id}`;

function refOf(key: string): TargetRef {
  const at = key.indexOf(':');
  return { by: key.slice(0, at) as TargetRef['by'], id: key.slice(at + 1) };
}

/** Label and context of a target: its name where the catalogue knows it, otherwise kind and id. */
export function useTargetText(): (target: TargetRef) => PickerOption {
  const t = useT();
  const when = useDateTime();
  const known = useCatalogueSearchStore((s) => s.known);
  return useCallback(
    (target) => {
      const hit = known[target.id];
      if (!hit || TARGET_BY[hit.kind] !== target.by) {
        return { key: keyOf(target), label: target.id, context: t(BY_LABEL[target.by]) };
      }
      return { key: keyOf(target), label: hit.label, context: hitContext(hit, t, when) };
    },
    [known, t, when],
  );
}

function hitContext(hit: CatalogueHit, t: ReturnType<typeof useT>, when: (iso: string) => string): string {
  const parts = [t(KIND_LABEL[hit.kind]), hit.startsAt ? when(hit.startsAt) : null, hit.context];
  return parts.filter((p): p is string => Boolean(p)).join(', ');
}

interface TargetPickerProps {
  id: string;
  label: string;
  value: TargetRef[];
  onChange: (value: TargetRef[]) => void;
  error?: string | undefined;
}

export function TargetPicker({ id, label, value, onChange, error }: TargetPickerProps) {
  const t = useT();
  const when = useDateTime();
  const kindId = useId();
  const [kind, setKind] = useState<PickKind>('event');
  const search = useCatalogueSearchStore((s) => s.search);
  const text = useTargetText();

  const find = useCallback(
    async (query: string): Promise<PickerOption[]> => {
      if ((FREE_KINDS as readonly string[]).includes(kind)) {
        const by = kind as (typeof FREE_KINDS)[number];
        return query ? [{ key: keyOf({ by, id: query }), label: query, context: t(KIND_LABEL[kind]) }] : [];
      }
      const hits = await search(kind as CatalogueSearchKind, query);
      return hits.map((hit) => ({
        key: keyOf({ by: TARGET_BY[hit.kind], id: hit.id }),
        label: hit.label,
        context: hitContext(hit, t, when),
      }));
    },
    [kind, search, t, when],
  );

  return (
    <EntityPicker
      id={id}
      label={label}
      hint={t('manage.pick.hint')}
      error={error}
      chosen={value.map(text)}
      search={find}
      onPick={(option) => onChange([...value, refOf(option.key)])}
      onRemove={(key) => onChange(value.filter((target) => keyOf(target) !== key))}
      strings={{
        remove: (name) => t('manage.pick.remove', { name }),
        noResults: t('manage.pick.none'),
        results: (count) => t('manage.pick.results', { count }),
      }}
      before={
        <>
          <label htmlFor={kindId} className="sr-only">
            {t('manage.pick.kindLabel', { field: label })}
          </label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as PickKind)}>
            {PICK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </>
      }
    />
  );
}
