import { create } from 'zustand';
import type { OrganisationInput, OrganisationSettings } from '../../shared/catalogue/organisation';
import { organisationCalls } from '../../shared/server-api/organisation-calls';
import { server } from '../api/admin-host';
import type { Failure } from './sell-store';

// The signed-in manager's organisation: its settings screen edits it, and the catalogue forms read its
// VAT rates (the choices for a price) and currency (products have no venue to take one from).

const calls = organisationCalls(server);

interface OrganisationState {
  settings: OrganisationSettings | null;
  error: string | null;
  load: () => Promise<void>;
  /** Saves with the version loaded; on failure the form keeps what was typed. */
  save: (draft: OrganisationInput) => Promise<Failure | null>;
}

export const useOrganisationStore = create<OrganisationState>()((set, get) => ({
  settings: null,
  error: null,
  async load() {
    const result = await calls.get();
    set(result.ok ? { settings: result.value, error: null } : { error: result.message });
  },
  async save(draft) {
    const version = get().settings?.version ?? 1;
    const result = await calls.update(version, draft);
    if (!result.ok) return result;
    set({ settings: result.value, error: null });
    return null;
  },
}));
