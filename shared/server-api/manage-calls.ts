import type { z } from 'zod';
import type { channels as c } from '../ipc/channels';
import type { manageRequestSchemas, ManageResponseTypes } from '../ipc/manage-schemas';
import type { Result } from '../result';
import type { ServerCall } from './call';

// The manager screens' requests, as calls to the central server's admin API. The terminal's main process
// makes them with its staff member's server session; the back office makes them from the browser with
// the manager's own. One mapping, so both hosts of the screens ask the server exactly the same things.

type ManageChannels = typeof c.manage;
type Verb = Exclude<keyof ManageChannels, 'session' | 'signIn' | 'signOut'>;
type Req<V extends Verb> = z.output<(typeof manageRequestSchemas)[ManageChannels[V]]>;
type Res<V extends Verb> = ManageResponseTypes[ManageChannels[V]];

export type ManageCalls = { [V in Verb]: (request: Req<V>) => Promise<Result<Res<V>>> };

const page = (r: { limit: number; offset: number }) => ({ limit: r.limit, offset: r.offset });

export function manageCalls(call: ServerCall): ManageCalls {
  return {
    listCodes: (filter) => call('GET', '/v1/codes', { query: { ...filter } }),
    getCode: (r) => call('GET', `/v1/codes/${r.id}`),
    createCode: (r) => call('POST', '/v1/codes', { body: r.code }),
    updateCode: (r) => call('PATCH', `/v1/codes/${r.id}`, { body: r.changes }),
    setCodeStatus: (r) => call('POST', `/v1/codes/${r.id}/${r.action}`),
    deleteCode: (r) => call('DELETE', `/v1/codes/${r.id}`),
    generateChildren: ({ parentId, ...batch }) =>
      call('POST', `/v1/codes/${parentId}/children`, {
        body: { ...batch, prefix: batch.prefix || undefined },
      }),
    generationJob: (r) => call('GET', `/v1/generation-jobs/${r.jobId}`),
    codeReport: (r) =>
      call('GET', '/v1/reports/codes', {
        query: { from: r.from, to: r.to, code: r.code, groupBy: r.groupBy, usedOnly: r.usedOnly, ...page(r) },
      }),
    overuseReport: (r) =>
      call('GET', '/v1/reports/overuse', { query: { from: r.from, to: r.to, ...page(r) } }),
    exportCsv: (r) =>
      call('GET', '/v1/reports/codes.csv', {
        query: { from: r.from, to: r.to, code: r.code, groupBy: r.groupBy, usedOnly: r.usedOnly },
        text: true,
      }),
    codeVersions: (r) => call('GET', `/v1/codes/${r.id}/versions`),
    searchCatalogue: (r) =>
      call('GET', '/v1/catalogue/search', {
        query: { kind: r.kind, q: r.q || undefined, ids: r.ids?.join(','), limit: r.limit },
      }),
  };
}
