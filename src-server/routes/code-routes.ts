import { z } from 'zod';
import { text } from '../../shared/text';
import { codeCreateSchema, codeUpdateSchema } from '../../shared/codes/schema';
import type { ServerContext } from '../context';
import * as codes from '../services/code-service';
import { MAX_BATCH, getJob, startGeneration } from '../services/generation-service';
import { bearer, booleanQuery, guard, idParams, pageQuery, principalOf, type App } from './common';

const listQuery = z.strictObject({
  q: text().max(64).optional(),
  status: z.enum(['scheduled', 'active', 'exhausted', 'ended', 'disabled', 'deleted']).optional(),
  kind: z.enum(['parent', 'generated', 'standalone', 'top']).optional(),
  parentId: z.uuid().optional(),
  autoApply: booleanQuery.optional(),
  category: text().min(1).max(200).optional(),
  includeDeleted: booleanQuery.optional(),
  ...pageQuery,
});

export function registerCodeRoutes(app: App, ctx: ServerContext): void {
  const tags = ['codes'];
  const manage = guard(ctx, 'codes.manage');

  app.get(
    '/v1/codes',
    {
      schema: {
        tags,
        summary: 'List codes with filters and pagination',
        querystring: listQuery,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => codes.listCodes(ctx, principalOf(request), request.query),
  );
  app.post(
    '/v1/codes',
    {
      schema: {
        tags,
        summary: 'Create a code (or a parent for bulk children)',
        body: codeCreateSchema,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request, reply) =>
      reply.code(201).send(await codes.createCode(ctx, principalOf(request), request.body)),
  );
  app.get(
    '/v1/codes/:id',
    { schema: { tags, params: idParams, security: bearer }, onRequest: manage },
    async (request) => codes.getCodeView(ctx, principalOf(request), request.params.id),
  );
  app.patch(
    '/v1/codes/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a code: active codes may only extend their end and raise limits; a used code gets a new version',
        params: idParams,
        body: codeUpdateSchema,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => codes.updateCode(ctx, principalOf(request), request.params.id, request.body),
  );
  app.delete(
    '/v1/codes/:id',
    {
      schema: {
        tags,
        summary: 'Soft-delete an unused code; a used one is disabled',
        params: idParams,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => codes.deleteCode(ctx, principalOf(request), request.params.id),
  );
  app.post(
    '/v1/codes/:id/disable',
    { schema: { tags, params: idParams, security: bearer }, onRequest: manage },
    async (request) => codes.setCodeStatus(ctx, principalOf(request), request.params.id, 'disable'),
  );
  app.post(
    '/v1/codes/:id/restore',
    {
      schema: { tags, summary: 'Restore a disabled or deleted code', params: idParams, security: bearer },
      onRequest: manage,
    },
    async (request) => codes.setCodeStatus(ctx, principalOf(request), request.params.id, 'restore'),
  );
  app.get(
    '/v1/codes/:id/versions',
    { schema: { tags, params: idParams, security: bearer }, onRequest: manage },
    async (request) => codes.listVersions(ctx, principalOf(request), request.params.id),
  );
  app.post(
    '/v1/codes/:id/children',
    {
      schema: {
        tags,
        summary: 'Generate child codes from a parent in the background; poll the returned job',
        params: idParams,
        body: z.strictObject({
          count: z.number().int().min(1).max(MAX_BATCH),
          prefix: text().max(40).optional(),
          length: z.number().int().min(4).max(32).optional(),
        }),
        security: bearer,
      },
      onRequest: manage,
    },
    async (request, reply) =>
      reply.code(202).send(await startGeneration(ctx, principalOf(request), request.params.id, request.body)),
  );
  app.get(
    '/v1/generation-jobs/:id',
    {
      schema: { tags, summary: 'Progress of a bulk generation', params: idParams, security: bearer },
      onRequest: manage,
    },
    async (request) => getJob(ctx, principalOf(request), request.params.id),
  );
}
