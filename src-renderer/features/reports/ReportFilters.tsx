import { DateRangeFields } from '../../components/DateRangeFields';
import { LookupField, type Named } from '../../components/LookupField';
import { useT } from '../../i18n/use-t';
import { findStaff, findTerminals } from '../../stores/report-stores';

// Filters more than one report takes alike: the days, and whose or which terminal's rows.

/** From and to as date fields (yyyy-mm-dd, '' = open-ended), covering both whole days. */
export function ReportDays(props: {
  id: string;
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string, to: string) => void;
}) {
  const t = useT();
  return (
    <DateRangeFields
      id={`${props.id}-range`}
      from={props.from ?? ''}
      to={props.to ?? ''}
      fromLabel={t('report.from')}
      toLabel={t('report.to')}
      onChange={props.onChange}
    />
  );
}

/** A cashier and a terminal, each chosen by name from the first matches of what is typed. */
export function CashierTerminalFields(props: {
  id: string;
  cashier: Named | null;
  terminal: Named | null;
  onChange: (patch: { cashier?: Named | null; terminal?: Named | null }) => void;
}) {
  const t = useT();
  return (
    <>
      <LookupField
        id={`${props.id}-cashier`}
        label={t('report.cashier')}
        value={props.cashier}
        noneLabel={t('report.anyone')}
        search={findStaff}
        onChange={(cashier) => props.onChange({ cashier })}
      />
      <LookupField
        id={`${props.id}-terminal`}
        label={t('report.terminal')}
        value={props.terminal}
        noneLabel={t('report.anyTerminal')}
        search={findTerminals}
        onChange={(terminal) => props.onChange({ terminal })}
      />
    </>
  );
}
