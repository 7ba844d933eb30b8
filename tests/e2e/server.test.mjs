// The test server itself: mount points, MIME types, 404s, the CSP header, overrides.
// Needs no browser and no build: it serves a temporary folder.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, resolveRequest, CSP } from './server.mjs';

describe('test server', () => {
  let root;
  let server;
  let bare;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'if-server-'));
    mkdirSync(path.join(root, 'data'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><p>hi</p>');
    writeFileSync(path.join(root, 'app_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    writeFileSync(path.join(root, 'app.js'), 'export {};');
    writeFileSync(path.join(root, 'app.css'), 'p{}');
    writeFileSync(path.join(root, 'data', 'mali.json'), '{}');
    writeFileSync(path.join(root, 'icon.svg'), '<svg/>');
    writeFileSync(path.join(root, 'shot.png'), 'png');
    server = await startServer({ root, csp: true, overrides: { 'data/mali.json': '{ broken' } });
    bare = await startServer({ root });
  });

  after(async () => {
    await server?.close();
    await bare?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (base, p, opts) => fetch(new URL(p, base.url), { redirect: 'manual', ...opts });

  it('listens on 127.0.0.1 on an ephemeral port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(server.port, 0);
  });

  for (const prefix of ['/', '/graphics/mali/']) {
    it(`serves the same files at ${prefix} with their MIME types`, async () => {
      const want = {
        '': 'text/html; charset=utf-8',
        'index.html': 'text/html; charset=utf-8',
        'app_bg.wasm': 'application/wasm',
        'app.js': 'text/javascript; charset=utf-8',
        'app.css': 'text/css; charset=utf-8',
        'icon.svg': 'image/svg+xml',
        'shot.png': 'image/png',
      };
      for (const [file, type] of Object.entries(want)) {
        const res = await get(bare, prefix + file);
        assert.equal(res.status, 200, `${prefix}${file}`);
        assert.equal(res.headers.get('content-type'), type, `${prefix}${file}`);
      }
      const json = await get(bare, `${prefix}data/mali.json`);
      assert.equal(json.headers.get('content-type'), 'application/json');
      assert.equal(await json.text(), '{}');
    });
  }

  it('redirects /graphics/mali to /graphics/mali/', async () => {
    const res = await get(bare, '/graphics/mali');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/graphics/mali/');
  });

  it('answers 404 for missing files and paths that climb out of the root', async () => {
    for (const p of ['/nope.js', '/graphics/mali/nope.wasm', '/data/', '/%2e%2e/etc/passwd', '/graphics/mali/%2e%2e/%2e%2e/etc/passwd']) {
      assert.equal((await get(bare, p)).status, 404, p);
    }
    assert.equal(resolveRequest('/../etc/passwd'), null);
    assert.equal(resolveRequest('/graphics/mali/../../x'), null);
    assert.equal(resolveRequest('/graphics/mali/a/../b.js'), 'b.js');
  });

  it('sends the CSP only when asked', async () => {
    assert.equal((await get(server, '/')).headers.get('content-security-policy'), CSP);
    assert.equal((await get(bare, '/')).headers.get('content-security-policy'), null);
  });

  it('serves override bytes at both mount points', async () => {
    for (const p of ['/data/mali.json', '/graphics/mali/data/mali.json']) {
      const res = await get(server, p);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.equal(await res.text(), '{ broken');
    }
  });
});
