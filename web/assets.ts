/**
 * Static assets from our own package: the stylesheet, the small client scripts and ECharts from
 * node_modules. Nothing is fetched from elsewhere at run time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

const here = dirname(fileURLToPath(import.meta.url));

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

interface Asset {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly type: string;
}

function load(path: string): Asset {
  const body = readFileSync(path);
  return { body, gzip: gzipSync(body, { level: 6 }), type: types[path.split('.').pop() ?? ''] ?? 'application/octet-stream' };
}

/** Where the charting library's browser build lives inside node_modules. */
export function echartsPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('echarts')), 'echarts.min.js');
}

export const assetNames = ['explorer.css', 'charts.js', 'map.js', 'chat.js', 'favicon.svg'] as const;

export function assetRoutes(): Hono {
  const cache = new Map<string, Asset>();
  const get = (name: string): Asset | null => {
    if (!cache.has(name)) {
      if (name === 'echarts.min.js') cache.set(name, load(echartsPath()));
      else if ((assetNames as readonly string[]).includes(name)) cache.set(name, load(join(here, 'assets', name)));
      else return null;
    }
    return cache.get(name) ?? null;
  };
  const app = new Hono();
  app.get('/:name', (c) => {
    const a = get(c.req.param('name'));
    if (!a) return c.text('no such asset', 404);
    const gz = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = { 'Content-Type': a.type, 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff', Vary: 'Accept-Encoding' };
    if (gz) headers['Content-Encoding'] = 'gzip';
    return c.body(new Uint8Array(gz ? a.gzip : a.body), 200, headers);
  });
  return app;
}
