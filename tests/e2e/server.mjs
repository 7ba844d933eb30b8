// A tiny static file server for `dist/`, with no dependencies.
//
// The same files are served at `/` and under the sub-path `/graphics/mali/`, so the tests can check
// that the build uses relative URLs only. `.wasm` goes out as `application/wasm` (otherwise
// wasm-bindgen falls back to the slower `WebAssembly.instantiate`); anything that is not a file
// under the root is a 404. With `csp: true` every response carries the Content-Security-Policy the
// page is built to work under. `overrides` replaces the bytes of given paths (relative to the root,
// e.g. `data/mali.json`), which is how the broken-data tests serve bad data.
//
// As a program: `node tests/e2e/server.mjs [--root dist] [--port 8080] [--host 127.0.0.1] [--csp]`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

export const SUB_PATH = '/graphics/mali/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** The MIME type for a file name, by its extension. */
export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a path relative to the root (`''` for the root itself), or null when the
 * request is outside both mount points or tries to climb out of the root.
 */
export function resolveRequest(urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  let rest;
  if (pathname.startsWith(SUB_PATH)) rest = pathname.slice(SUB_PATH.length);
  else if (pathname.startsWith('/')) rest = pathname.slice(1);
  else return null;
  const normal = path.posix.normalize(rest === '' ? '.' : rest);
  if (normal === '..' || normal.startsWith('../') || path.posix.isAbsolute(normal)) return null;
  return normal === '.' ? '' : normal;
}

/**
 * Starts the server on `host` (default 127.0.0.1) and `port` (default 0: an ephemeral port).
 * Resolves to `{ url, port, close() }`; `url` ends with `/`.
 */
export async function startServer({ root, port = 0, host = '127.0.0.1', csp = false, overrides = {}, log = false, gzip = false }) {
  const rootDir = path.resolve(root);
  // With `gzip` (the phone profile, bench/phone.mjs): text and wasm go out gzip -9 when the
  // browser accepts it, as any host serves them, so that throttled transfers carry real bytes.
  const zipped = new Map();
  const server = createServer(async (req, res) => {
    const status = await respond(req, res).catch((err) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
      return 500;
    });
    if (log) console.log(`${status} ${req.method} ${req.url}`);
  });

  async function respond(req, res) {
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (csp) headers['Content-Security-Policy'] = CSP;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      res.end();
      return 405;
    }
    // The sub-path without its trailing slash: relative URLs need the slash.
    if (req.url === SUB_PATH.slice(0, -1) || req.url.startsWith(SUB_PATH.slice(0, -1) + '?')) {
      res.writeHead(301, { ...headers, Location: SUB_PATH });
      res.end();
      return 301;
    }
    let rel = resolveRequest(req.url);
    if (rel === null) return notFound(res, headers);
    let body;
    if (Object.hasOwn(overrides, rel)) {
      body = Buffer.from(overrides[rel]);
    } else {
      let file = path.join(rootDir, rel);
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        rel = path.posix.join(rel, 'index.html');
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return notFound(res, headers);
      body = await readFile(file);
    }
    const type = mimeType(rel || 'index.html');
    if (gzip && /gzip/.test(req.headers['accept-encoding'] ?? '') && /text|javascript|json|wasm|svg/.test(type)) {
      const key = `${rel}:${body.length}`;
      if (!zipped.has(key)) zipped.set(key, gzipSync(body, { level: 9 }));
      body = zipped.get(key);
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return 200;
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    port: actual,
    url: `http://${host}:${actual}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function notFound(res, headers) {
  res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('404 not found\n');
  return 404;
}

function parseArgs(argv) {
  const opts = { root: 'dist', port: 8080, host: '127.0.0.1', csp: false, log: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--root') opts.root = value();
    else if (arg === '--port') opts.port = Number(value());
    else if (arg === '--host') opts.host = value();
    else if (arg === '--csp') opts.csp = true;
    else if (arg === '--log') opts.log = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const { url } = await startServer(opts);
  console.log(`serving ${path.resolve(opts.root)}${opts.csp ? ' (with CSP)' : ''} at ${url} and ${url}${SUB_PATH.slice(1)}`);
}
