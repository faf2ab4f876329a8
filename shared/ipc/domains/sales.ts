// A sale as stored and as the screens receive it: the types derive from the one schema of the record
// in shared/sync/sale-record.ts, which the pushed payloads derive from too.

export type * from '../../sync/sale-record';
