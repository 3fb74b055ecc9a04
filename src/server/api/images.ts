// Images of the tenant's registries (issue 7 part 7): the list with filters (registry, repository,
// tag, severity, secrets, malware, scan state), one image with its latest results, the scan
// history of its tag, one past scan, and "scan now".
import { z } from 'zod';
import { Id, PageQuery, pageOf } from '../../model/common.js';
import { ImageDetail, ImageQuery, ImageScan, ImageScanDetail, RegistryImage } from '../../model/registry-api.js';
import { findScan, listScansOfImage, parseResult, presentScan, queueScan } from '../store/image-scans.js';
import { findImage, listImages, presentImages } from '../store/registry-images.js';
import { notFound } from './errors.js';
import { route } from './route.js';

export const imageRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/images',
    summary: 'Registry images (one per repository and tag), worst first, with their latest scan',
    tag: 'images',
    access: 'read',
    query: ImageQuery,
    response: pageOf(RegistryImage),
    async handler({ query, scope }) {
      return { ...(await listImages(scope(), query)), limit: query.limit, offset: query.offset };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/images/:id',
    summary: 'One image: facts, layers and build history with its checks, packages, vulnerabilities, secrets (masked) and malware of its latest finished scan',
    tag: 'images',
    access: 'read',
    params: z.object({ id: Id }),
    response: ImageDetail,
    async handler({ params, scope }) {
      const row = await findImage(scope(), params.id);
      if (!row) throw notFound('image');
      const [image] = await presentImages(scope(), [row]);
      const scan = row.result_scan_id === null ? undefined : await findScan(scope(), row.result_scan_id);
      return { ...image!, result: scan ? parseResult(scan) : null };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/images/:id/scans',
    summary: "Scan history of the image's tag, newest first",
    tag: 'images',
    access: 'read',
    params: z.object({ id: Id }),
    query: PageQuery,
    response: pageOf(ImageScan),
    async handler({ params, query, scope }) {
      const row = await findImage(scope(), params.id);
      if (!row) throw notFound('image');
      return { ...(await listScansOfImage(scope(), row.id, query)), limit: query.limit, offset: query.offset };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/images/:id/scan',
    summary: 'Scan now: queue a scan of the image (joined with one already waiting)',
    tag: 'images',
    access: 'triage',
    params: z.object({ id: Id }),
    response: ImageScan,
    status: 202,
    async handler({ params, scope, server, audit }) {
      const row = await findImage(scope(), params.id);
      if (!row) throw notFound('image');
      const { scan, queued } = await queueScan(scope(), row, 'manual');
      server.imageScans.kick();
      await audit({ action: 'image.scan_requested', targetType: 'image', targetId: row.id, details: { repository: row.repository, tag: row.tag, scanId: scan.id, joined: !queued } });
      return scan;
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/image-scans/:id',
    summary: 'One scan of an image with its stored result (for past scans of a tag)',
    tag: 'images',
    access: 'read',
    params: z.object({ id: Id }),
    response: ImageScanDetail,
    async handler({ params, scope }) {
      const row = await findScan(scope(), params.id);
      if (!row) throw notFound('image scan');
      return { ...presentScan(row), result: parseResult(row) };
    },
  }),
];
