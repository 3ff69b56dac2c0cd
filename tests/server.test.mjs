// The dev/test static server (scripts/static_server.mjs): security headers, bad escapes, traversal.
// Plain Node, no browser: `node --test tests/server.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { serveDir, parseHeaders, fallbackHeaders } from '../scripts/static_server.mjs';

/** GET with the path sent exactly as written (fetch would normalise `..`). */
function get(origin, path) {
  const { hostname, port } = new URL(origin);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method: 'GET' }, res => {
      let body = '';
      res.on('data', c => { body += c; });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function fixture(headers) {
  const base = await mkdtemp(join(tmpdir(), 'relance-server-'));
  const dist = join(base, 'dist');
  await mkdir(dist);
  await mkdir(join(base, 'dist-old'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(base, 'dist-old', 'secret.txt'), 'secret');
  await writeFile(join(base, 'outside.txt'), 'outside');
  if (headers !== undefined) await writeFile(join(dist, '_headers'), headers);
  return { base, dist };
}

const HEADERS = `# comment
/*
  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  X-Frame-Options: DENY
/other
  X-Other: no
`;

test('the _headers file is parsed like a static host does', () => {
  assert.deepEqual(parseHeaders(HEADERS), {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
  // An unreplaced build placeholder is not sent as a policy.
  assert.deepEqual(parseHeaders('/*\n  Content-Security-Policy: __CONTENT_SECURITY_POLICY__\n  X-Frame-Options: DENY\n'),
    { 'x-frame-options': 'DENY' });
});

test('security headers, 400 on bad escapes, no way out of the root', async () => {
  const { base, dist } = await fixture(HEADERS);
  const s = await serveDir(dist);
  try {
    const ok = await get(s.origin, '/');
    assert.equal(ok.status, 200);
    assert.match(ok.body, /<title>app<\/title>/);
    assert.equal(ok.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
    assert.equal(ok.headers['x-frame-options'], 'DENY');
    assert.equal(ok.headers['x-content-type-options'], 'nosniff');
    assert.equal(ok.headers['referrer-policy'], 'no-referrer');
    assert.equal(ok.headers['x-other'], undefined);
    // A lone `%` used to throw in decodeURIComponent, an unhandled rejection that ended the server.
    assert.equal((await get(s.origin, '/%')).status, 400);
    assert.equal((await get(s.origin, '/%E0%A4%A')).status, 400);
    assert.equal((await get(s.origin, '/a%00b')).status, 400);
    // Sibling folders whose names start like the root's, and the parent: refused.
    for (const p of ['/..%2fdist-old%2fsecret.txt', '/..%2f..%2foutside.txt']) {
      const r = await get(s.origin, p);
      assert.equal(r.status, 403, p);
      assert.doesNotMatch(r.body, /secret|outside/, p);
    }
    // Encoded dots are resolved by the URL parser first, so this one stays inside: not found.
    assert.equal((await get(s.origin, '/%2e%2e/outside.txt')).status, 404);
    assert.equal((await get(s.origin, '/missing.js')).status, 404);
    // Still serving after all that.
    assert.equal((await get(s.origin, '/index.html')).status, 200);
  } finally {
    await s.close();
    await rm(base, { recursive: true, force: true });
  }
});

test('without a _headers file the fallback headers are sent', async () => {
  const { base, dist } = await fixture(undefined);
  const s = await serveDir(dist, { subpath: '/app/' });
  try {
    const r = await get(s.origin, '/app/');
    assert.equal(r.status, 200);
    for (const [k, v] of Object.entries(fallbackHeaders)) assert.equal(r.headers[k], v);
    assert.equal((await get(s.origin, '/elsewhere')).status, 404);
  } finally {
    await s.close();
    await rm(base, { recursive: true, force: true });
  }
});
