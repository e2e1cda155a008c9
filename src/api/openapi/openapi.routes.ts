import { dirname } from 'node:path';
import express, { Router } from 'express';
import type { RouteDoc } from '../route-doc';
import { buildOpenApiDocument } from './build-openapi';
import { DOCS_ASSETS_PATH, docsInitScript, docsPageHtml } from './docs-page';

export const API_VERSION = '1.0.0';

// The package's own getAbsoluteFSPath() ships without types; its directory is the same thing.
const swaggerUiDir = () => dirname(require.resolve('swagger-ui-dist/package.json'));

/** Serves `/openapi.json` (built once, at start-up) and the `/docs` page that renders it. */
export function createOpenApiRouter(docs: RouteDoc[], serverUrl: string): Router {
  const document = buildOpenApiDocument(docs, { version: API_VERSION, serverUrl });
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsPageHtml);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(docsInitScript);
  });
  router.use(DOCS_ASSETS_PATH, express.static(swaggerUiDir(), { index: false, maxAge: '1h' }));
  return router;
}

export const openApiRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tag: 'docs',
    auth: 'none',
    responses: { 200: { description: 'The OpenAPI 3.1 document.' } },
  },
  {
    method: 'get',
    path: '/docs',
    summary: 'A page that renders this document',
    tag: 'docs',
    auth: 'none',
    responses: { 200: { description: 'HTML.', contentType: 'text/html' } },
  },
];
