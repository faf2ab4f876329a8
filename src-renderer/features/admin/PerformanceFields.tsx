import type { Performance } from '../../../shared/catalogue/types';
import { SelectField } from '../../components/FormFields';
import { TextField } from '../../components/TextField';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import type { FieldErrors } from '../../lib/field-errors';

// What one performance and a run of them both ask for: the seats and whether they are on sale.

export type PerformanceStatus = Performance['status'];

export const STATUS_LABEL: Record<PerformanceStatus, MessageKey> = {
  on_sale: 'admin.performances.onSale',
  off_sale: 'admin.performances.offSale',
  cancelled: 'admin.performances.cancelled',
};

/** Whole seats typed as digits; anything else fails the schema as not a number. */
export const seats = (typed: string) => (/^\d{1,7}$/.test(typed.trim()) ? Number(typed) : Number.NaN);

interface SeatsAndStatusProps {
  id: string;
  capacity: string;
  status: PerformanceStatus;
  onCapacity: (typed: string) => void;
  onStatus: (status: PerformanceStatus) => void;
  errors: FieldErrors;
}

export function SeatsAndStatusFields({
  id,
  capacity,
  status,
  onCapacity,
  onStatus,
  errors,
}: SeatsAndStatusProps) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${id}-capacity`}
        label={t('admin.performances.capacity')}
        inputMode="numeric"
        value={capacity}
        onChange={onCapacity}
        error={errors.capacity && t('admin.performances.capacityInvalid')}
      />
      <SelectField
        id={`${id}-status`}
        label={t('admin.performances.status')}
        value={status}
        options={(Object.keys(STATUS_LABEL) as PerformanceStatus[]).map((s) => ({
          value: s,
          label: t(STATUS_LABEL[s]),
        }))}
        onChange={onStatus}
        error={errors.status}
      />
    </>
  );
}
