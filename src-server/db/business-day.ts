import { BUSINESS_DAY_HOUR } from '../../shared/business-day';

// The business day in SQL (shared/business-day.ts): 04:00 to 04:00 on the organisation's wall clock,
// named by the local date it begins on, as businessDateOf names it. A report groups by it instead of
// the UTC calendar day, so a sale at 01:30 local time counts in the evening it belongs to.

/**
 * The business day of the timestamptz expression `at` as 'YYYY-MM-DD', in the zone given by the SQL
 * expression `zone` (a parameter holding an IANA name that knownZone() passed). The wall clock less the
 * hour is DST-safe: AT TIME ZONE gives the local time the clock showed, and the day turns at 04:00 of it.
 */
export const businessDateSql = (at: string, zone: string): string =>
  `to_char((${at} AT TIME ZONE ${zone}) - interval '${BUSINESS_DAY_HOUR} hours', 'YYYY-MM-DD')`;
