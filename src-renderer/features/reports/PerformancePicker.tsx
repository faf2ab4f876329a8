import { useCallback } from 'react';
import { EntityPicker, type PickerOption } from '../../components/EntityPicker';
import { useDateTime } from '../../i18n/use-money';
import { useT } from '../../i18n/use-t';
import { useCatalogueSearchStore } from '../../stores/catalogue-search-store';

interface PerformancePickerProps {
  id: string;
  value: { id: string; label: string } | undefined;
  onChange: (value: { id: string; label: string } | undefined) => void;
}

/** One performance found by its event's name, shown with its curtain-up and venue. */
export function PerformancePicker({ id, value, onChange }: PerformancePickerProps) {
  const t = useT();
  const when = useDateTime();
  const search = useCallback(
    async (q: string): Promise<PickerOption[]> => {
      const hits = await useCatalogueSearchStore.getState().search('performance', q);
      return hits.map((hit) => {
        const label = [hit.label, hit.startsAt ? when(hit.startsAt) : null].filter(Boolean).join(', ');
        return { key: hit.id, label, context: hit.context ?? undefined };
      });
    },
    [when],
  );
  return (
    <EntityPicker
      id={id}
      label={t('report.performance')}
      single
      chosen={value ? [{ key: value.id, label: value.label }] : []}
      search={search}
      onPick={(option) => onChange({ id: option.key, label: option.label })}
      onRemove={() => onChange(undefined)}
      strings={{
        remove: (label) => t('report.pick.remove', { label }),
        noResults: t('report.pick.none'),
        results: (count) => t('report.pick.results', { count }),
      }}
    />
  );
}
