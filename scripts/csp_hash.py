#!/usr/bin/env python3
"""Trunk post-build hook: put the sha256 of every inline <script> of the built index.html into its
Content-Security-Policy (trunk's inline loader changes with every build, so it cannot be hashed by hand).
"""
import base64
import hashlib
import os
import re
import sys

path = os.path.join(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"), "index.html")
html = open(path, encoding="utf-8").read()
bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() for b in bodies
)
if "__INLINE_SCRIPT_HASHES__" not in html:
    sys.exit("csp_hash.py: no __INLINE_SCRIPT_HASHES__ placeholder in %s" % path)
open(path, "w", encoding="utf-8").write(html.replace("__INLINE_SCRIPT_HASHES__", hashes))
print("csp_hash.py: %d inline script(s) hashed into the CSP" % len(bodies))
