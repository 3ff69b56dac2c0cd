// A minimal static file server for dist/ on 127.0.0.1, used by `scripts/serve.sh` and the browser tests.
// Serves .wasm as application/wasm (streaming compilation needs it) and sends the security headers of
// the build's `_headers` file (the file static hosts read; see public/_headers and scripts/csp_hash.py),
// so the tests run under the same Content-Security-Policy, framing and sniffing rules as a deployment.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/** Sent when the served folder has no `_headers` file (a build without the csp_hash.py hook). */
export const fallbackHeaders = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * The headers of the `/*` block of a Netlify/Cloudflare `_headers` file, lower-cased names. A value still
 * holding a build placeholder (`__...__`) is skipped: an unfinished policy must not pass for a real one.
 */
export function parseHeaders(text) {
  const headers = {};
  let inAll = false;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(raw)) { inAll = raw.trim() === '/*'; continue; }
    if (!inAll) continue;
    const i = raw.indexOf(':');
    if (i < 0) continue;
    const name = raw.slice(0, i).trim().toLowerCase();
    const value = raw.slice(i + 1).trim();
    if (name && value && !/__[A-Z_]+__/.test(value)) headers[name] = value;
  }
  return headers;
}

function headersOf(root) {
  try {
    const parsed = parseHeaders(readFileSync(join(root, '_headers'), 'utf8'));
    return Object.keys(parsed).length ? parsed : fallbackHeaders;
  } catch {
    return fallbackHeaders;
  }
}

/**
 * The file under `root` a request path names, or a status: 400 for a path that does not decode, 403 for
 * one that leaves `root` (`/..%2fdist-old/x` must not read a sibling folder whose name starts like root's).
 */
export function resolvePath(root, subpath, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0')) return { status: 400 };
  if (!path.startsWith(subpath)) return { status: 404 };
  path = path.slice(subpath.length - 1);
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep)) return { status: 403 };
  return { file };
}

/** Serves `dir` under `subpath` on 127.0.0.1:`port` (0 = any free port). Resolves to { url, origin, close }. */
export async function serveDir(dir, { port = 0, subpath = '/' } = {}) {
  const root = resolve(dir);
  const security = headersOf(root);
  const server = createServer(async (req, res) => {
    const status = code => { res.writeHead(code, security); res.end(); };
    try {
      const target = resolvePath(root, subpath, new URL(req.url, 'http://x').pathname);
      if (target.status) return status(target.status);
      let body;
      try {
        body = await readFile(target.file);
      } catch {
        return status(404);
      }
      res.writeHead(200, {
        ...security,
        'content-type': types[extname(target.file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      // Never let one bad request end the process (an unhandled rejection kills Node 15 and later).
      if (!res.headersSent) status(500);
      else res.destroy();
    }
  });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(port, '127.0.0.1', ok); });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: origin + subpath, origin, close: () => new Promise(r => server.close(r)) };
}

// `node scripts/static_server.mjs DIR PORT`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const s = await serveDir(dir, { port: Number(port) });
  console.log(`Relance is served on ${s.url} (Ctrl-C to stop)`);
}
