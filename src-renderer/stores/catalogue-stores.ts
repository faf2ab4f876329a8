import type { Venue } from '../../shared/catalogue/types';
import { catalogueCalls, type CatalogueInput, type Versioned } from '../../shared/server-api/catalogue-calls';
import { server } from '../api/admin-host';
import { createRecordStore } from './record-store';

// The back office's catalogue lists, one record store per kind of record.

const catalogue = catalogueCalls(server);

export const useVenueStore = createRecordStore<Versioned<Venue>, { q: string }, CatalogueInput<'venues'>>(
  {
    list: (query) => catalogue.list('venues', query),
    create: (draft) => catalogue.create('venues', draft),
    update: (row, draft) => catalogue.update('venues', row, draft),
    remove: (row) => catalogue.remove('venues', row.id),
  },
  { q: '' },
);
