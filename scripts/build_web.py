#!/usr/bin/env python3
"""Builds the web app into dist/ without Trunk: what `trunk build --release` did with Trunk.toml and
index.html, in one small script, so a fresh machine does not compile Trunk (17 minutes of the last fresh
CI run) to run three commands.

index.html stays the manifest (Trunk still reads it, for those who have it):
  <link data-trunk rel="rust" data-bin=NAME data-type=main|worker data-cargo-profile=P data-wasm-opt=L>
      cargo build --target wasm32-unknown-unknown --profile P --bin NAME (the binaries of one profile
      in one cargo run), then `wasm-bindgen` (--target web for the page, no-modules for a worker, as
      Trunk does), then `wasm-opt -OL`. The page's files get a content hash in their name and a
      <script type="module"> loader; a worker keeps its plain name (`NAME.js`, `NAME_bg.wasm`: the page
      starts it by that name, see src/core/worker/link.rs) and its link is removed.
  <link data-trunk rel="css" href=F>         copied as NAME-HASH.css, linked with its integrity
  <link data-trunk rel="copy-file" href=F>   copied as is
  <base data-trunk-public-url />             <base href="./" /> (relative URLs: any host, any sub-path)
Then scripts/csp_hash.py hashes the inline loader into the page's Content-Security-Policy and writes
dist/_headers. The build happens in a staging folder that replaces dist/ only when everything worked.

Tools: cargo with the wasm32-unknown-unknown target, `wasm-bindgen` equal to the wasm-bindgen crate in
Cargo.lock, `wasm-opt` (npm's binaryen, node_modules/.bin); scripts/setup.sh installs them.

Usage: python3 scripts/build_web.py [--dist DIR] [--no-cargo] [--timings]
  --no-cargo   reuse the wasm cargo already built (only bindgen, wasm-opt and the page)
"""
import argparse
import base64
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = "wasm32-unknown-unknown"


def say(msg):
    print("[build] " + msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    say(" ".join(cmd))
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def attrs(tag):
    """The attributes of one HTML tag, as a dict (valueless attributes map to "")."""
    out = {}
    for m in re.finditer(r'([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+)))?', tag[1:]):
        name = m.group(1)
        if name == "link":
            continue
        value = next((g for g in m.groups()[1:] if g is not None), "")
        out[name] = html.unescape(value)
    return out


def trunk_links(page):
    """Every `<link data-trunk ...>` of the page: (the tag as written, its attributes)."""
    return [(m.group(0), attrs(m.group(0))) for m in re.finditer(r"<link\s+data-trunk\b[^>]*>", page)]


def lock_version(crate):
    """The version of `crate` in Cargo.lock."""
    lock = open(os.path.join(ROOT, "Cargo.lock"), encoding="utf-8").read()
    m = re.search(r'\[\[package\]\]\nname = "%s"\nversion = "([^"]+)"' % re.escape(crate), lock)
    if not m:
        sys.exit("build_web.py: %s is not in Cargo.lock" % crate)
    return m.group(1)


def tool_version(tool):
    try:
        out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit("build_web.py: %s is missing (run scripts/setup.sh): %s" % (tool, e))
    return out.strip()


def digest(path, algo):
    h = hashlib.new(algo)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h


def integrity(path):
    """Subresource integrity, sha384 as Trunk writes it."""
    return "sha384-" + base64.b64encode(digest(path, "sha384").digest()).decode()


def short_hash(path):
    return digest(path, "sha256").hexdigest()[:16]


def target_dir():
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        cwd=ROOT, capture_output=True, text=True,
    )
    m = re.search(r'"target_directory":"([^"]+)"', meta.stdout)
    return m.group(1) if m else os.path.join(ROOT, "target")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dist", default=os.path.join(ROOT, "dist"))
    ap.add_argument("--no-cargo", action="store_true")
    ap.add_argument("--timings", action="store_true", help="print how long each step took")
    args = ap.parse_args()
    started = time.monotonic()
    timings = []

    def lap(what, t0):
        timings.append((what, time.monotonic() - t0))

    page = open(os.path.join(ROOT, "index.html"), encoding="utf-8").read()
    links = trunk_links(page)
    rust = [(tag, a) for tag, a in links if a.get("rel") == "rust"]
    if not [a for _, a in rust if a.get("data-type", "main") == "main"]:
        sys.exit("build_web.py: index.html has no <link data-trunk rel=\"rust\" data-type=\"main\">")

    # wasm-bindgen's JS glue and the crate must be the same version (the CLI refuses otherwise, late).
    want = lock_version("wasm-bindgen")
    have = tool_version("wasm-bindgen")
    if want not in have.split():
        sys.exit("build_web.py: %s found, Cargo.lock has wasm-bindgen %s (run scripts/setup.sh)" % (have, want))
    tool_version("wasm-opt")

    # 1. cargo: the binaries of one profile in one run (they share every compiled dependency).
    profiles = {}
    for _, a in rust:
        profiles.setdefault(a.get("data-cargo-profile", "release"), []).append(a["data-bin"])
    tdir = target_dir()
    if not args.no_cargo:
        for profile, bins in profiles.items():
            t0 = time.monotonic()
            cmd = ["cargo", "build", "--target", TARGET, "--profile", profile]
            for b in bins:
                cmd += ["--bin", b]
            run(cmd)
            lap("cargo build --profile %s (%s)" % (profile, ", ".join(bins)), t0)

    staging = args.dist.rstrip("/") + ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    work = os.path.join(tdir, "build_web")
    os.makedirs(work, exist_ok=True)

    # 2. wasm-bindgen, then wasm-opt on every binary at once: npm's wasm-opt is binaryen compiled to
    # JavaScript, one thread each, minutes on a worker; side by side they take the longest one's time.
    outs, pending = [], []
    for tag, a in rust:
        name = a["data-bin"]
        kind = a.get("data-type", "main")
        profile = a.get("data-cargo-profile", "release")
        wasm_in = os.path.join(tdir, TARGET, profile, name + ".wasm")
        if not os.path.exists(wasm_in):
            sys.exit("build_web.py: %s is missing (build without --no-cargo)" % wasm_in)
        out = os.path.join(work, name)
        bindgen_target = a.get("data-bindgen-target", "web" if kind == "main" else "no-modules")
        level = a.get("data-wasm-opt", "0")
        bg = os.path.join(out, name + "_bg.wasm")
        # The same cargo output, target and level as last time: its bindgen and wasm-opt output is
        # reused (cargo relinks every binary when the app's library changes, mostly into the same bytes).
        key = "%s %s %s %s" % (digest(wasm_in, "sha256").hexdigest(), bindgen_target, level, have)
        stamp = os.path.join(out, "input.key")
        outs.append((tag, name, kind, out, bg))
        if os.path.exists(stamp) and open(stamp).read() == key and os.path.exists(bg):
            say("%s: unchanged, bindgen and wasm-opt output reused" % name)
            continue
        t0 = time.monotonic()
        shutil.rmtree(out, ignore_errors=True)
        run(["wasm-bindgen", "--target", bindgen_target, "--no-typescript", "--out-dir", out,
             "--out-name", name, wasm_in])
        lap("wasm-bindgen (%s)" % name, t0)
        opt = None
        if level not in ("0", "off"):
            cmd = ["wasm-opt", "-O" + level, "--output", bg + ".opt", bg]
            say(" ".join(cmd))
            opt = subprocess.Popen(cmd, cwd=ROOT)
        pending.append((name, level, bg, stamp, key, opt, time.monotonic()))
    for name, level, bg, stamp, key, opt, t0 in pending:
        if opt is not None:
            if opt.wait() != 0:
                sys.exit("build_web.py: wasm-opt -O%s failed on %s" % (level, name))
            os.replace(bg + ".opt", bg)
            lap("wasm-opt -O%s (%s, beside the others)" % (level, name), t0)
        with open(stamp, "w") as f:
            f.write(key)

    for tag, name, kind, out, bg in outs:
        if kind == "main":
            base = "%s-%s" % (name, short_hash(bg))
        else:
            base = name
        js_out, wasm_out = base + ".js", base + "_bg.wasm"
        shutil.copyfile(os.path.join(out, name + ".js"), os.path.join(staging, js_out))
        shutil.copyfile(bg, os.path.join(staging, wasm_out))
        if kind == "main":
            # The same loader Trunk writes (preloads with integrity, then a module script).
            replacement = (
                '<link rel="modulepreload" href="./{js}" crossorigin="anonymous" integrity="{ji}" />\n'
                '    <link rel="preload" href="./{wasm}" crossorigin="anonymous" integrity="{wi}" '
                'as="fetch" type="application/wasm" />\n'
                '    <script type="module">\n'
                "import init from './{js}';\n"
                "await init({{ module_or_path: './{wasm}' }});\n"
                "</script>"
            ).format(js=js_out, wasm=wasm_out, ji=integrity(os.path.join(staging, js_out)),
                     wi=integrity(os.path.join(staging, wasm_out)))
        else:
            replacement = ""
        page = page.replace(tag, replacement)

    # 3. Style, copied files, the base URL.
    for tag, a in links:
        rel = a.get("rel")
        if rel == "css":
            src = os.path.join(ROOT, a["href"])
            stem = os.path.splitext(os.path.basename(src))[0]
            out = "%s-%s.css" % (stem, short_hash(src))
            shutil.copyfile(src, os.path.join(staging, out))
            page = page.replace(tag, '<link rel="stylesheet" href="./%s" integrity="%s" />'
                                % (out, integrity(os.path.join(staging, out))))
        elif rel == "copy-file":
            src = os.path.join(ROOT, a["href"])
            shutil.copyfile(src, os.path.join(staging, os.path.basename(src)))
            page = page.replace(tag, "")
        elif rel != "rust":
            sys.exit("build_web.py: <link data-trunk rel=%r> is not supported" % rel)
    page = re.sub(r"<base\s+data-trunk-public-url\s*/?>", '<base href="./" />', page)
    page = re.sub(r"\n\s*\n", "\n", page)
    with open(os.path.join(staging, "index.html"), "w", encoding="utf-8") as f:
        f.write(page)

    # 4. The loader's hash into the page's policy and dist/_headers (Trunk's post_build hook).
    run([sys.executable, os.path.join("scripts", "csp_hash.py"), staging])

    old = args.dist.rstrip("/") + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(args.dist):
        os.rename(args.dist, old)
    os.rename(staging, args.dist)
    shutil.rmtree(old, ignore_errors=True)

    for name in sorted(os.listdir(args.dist)):
        if name.endswith(".wasm"):
            p = os.path.join(args.dist, name)
            raw = os.path.getsize(p)
            gz = len(__import__("gzip").compress(open(p, "rb").read(), 9))
            say("%-32s %9d B, %8d B gzip -9" % (name, raw, gz))
    if args.timings:
        for what, s in timings:
            say("%6.1f s  %s" % (s, what))
    say("dist ready in %.1f s: %s" % (time.monotonic() - started, args.dist))


if __name__ == "__main__":
    main()
