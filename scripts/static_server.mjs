// A minimal static file server for dist/ on 127.0.0.1, used by `scripts/serve.sh` and the browser tests.
// Serves .wasm as application/wasm (streaming compilation needs it).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/** Serves `dir` under `subpath` on 127.0.0.1:`port` (0 = any free port). Resolves to { url, origin, close }. */
export async function serveDir(dir, { port = 0, subpath = '/' } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(subpath)) { res.writeHead(404); return res.end(); }
    path = path.slice(subpath.length - 1);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
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
