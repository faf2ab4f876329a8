import type { OrganisationInput, OrganisationSettings } from '../catalogue/organisation';
import type { ServerCall } from './call';
import { EXPECTED_VERSION_FIELD } from './version-conflict';

// The organisation's settings as a client sees them: the signed-in manager's own organisation only.

export function organisationCalls(call: ServerCall) {
  return {
    get: () => call<OrganisationSettings>('GET', '/v1/organisation'),
    update: (version: number, changes: Partial<OrganisationInput>) =>
      call<OrganisationSettings>('PATCH', '/v1/organisation', {
        body: { ...changes, [EXPECTED_VERSION_FIELD]: version },
      }),
  };
}
