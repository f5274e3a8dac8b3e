#!/usr/bin/env node
/**
 * A tiny static server for the end-to-end tests. It serves dist/ only under a sub-path
 * (/firedrill/some/path/) and answers 404 everywhere else, so any asset URL that assumes the site
 * lives at "/" fails the tests instead of working by accident.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const SUB_PATH = '/firedrill/some/path/';
const port = Number(process.env.PORT ?? 4873);
/**
 * FIREDRILL_GZIP=1: text files go out gzip-compressed (level 6) to clients that accept it, as every
 * static host serves them (`npm run bench` measures Lighthouse this way; the tests do not need it).
 */
const gzip = process.env.FIREDRILL_GZIP === '1';
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.webmanifest', '.txt', '.map']);
/** Compressed bodies, by file and modification time (the build does not change while serving). */
const compressed = new Map();
const root = resolve(process.env.FIREDRILL_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url)));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return notFound(res);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
  if (!pathname.startsWith(SUB_PATH)) return notFound(res);
  let relative = pathname.slice(SUB_PATH.length);
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const file = normalize(join(root, relative));
  if (file !== root && !file.startsWith(root + sep)) return notFound(res);
  try {
    const info = await stat(file);
    if (!info.isFile()) return notFound(res);
    let body = await readFile(file);
    const encode = gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (encode) {
      const key = `${file}:${info.mtimeMs}`;
      if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 6 }));
      body = compressed.get(key);
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
      ...(gzip ? { vary: 'accept-encoding' } : {}),
      ...(encode ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    notFound(res);
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${root} at http://127.0.0.1:${port}${SUB_PATH}`);
});
