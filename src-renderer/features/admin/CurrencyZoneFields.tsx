import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/use-t';
import type { FieldErrors } from '../../lib/field-errors';

interface CurrencyZoneProps {
  id: string;
  currency: string;
  timezone: string;
  onCurrency: (typed: string) => void;
  onTimezone: (typed: string) => void;
  errors: FieldErrors;
  currencyHint: string;
  timezoneHint: string;
}

/** A venue's or the organisation's currency and time zone, typed as ISO codes. */
export function CurrencyZoneFields(props: CurrencyZoneProps) {
  const t = useT();
  const { id, errors } = props;
  return (
    <>
      <TextField
        id={`${id}-currency`}
        label={t('admin.venues.currency')}
        value={props.currency}
        onChange={props.onCurrency}
        error={errors.currency}
        maxLength={3}
        hint={props.currencyHint}
      />
      <TextField
        id={`${id}-timezone`}
        label={t('admin.venues.timezone')}
        value={props.timezone}
        onChange={props.onTimezone}
        error={errors.timezone}
        hint={props.timezoneHint}
      />
    </>
  );
}
