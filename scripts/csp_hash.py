#!/usr/bin/env python3
"""Trunk post-build hook: put the sha256 of every inline <script> of the built index.html into its
Content-Security-Policy (trunk's inline loader changes with every build, so it cannot be hashed by hand),
then write the same policy, plus `frame-ancestors 'none'` (which a <meta> CSP cannot carry), into the
built `_headers` file for static hosts (copied from public/_headers by index.html's copy-file link).

Usage: run by Trunk with TRUNK_STAGING_DIR set, or `python3 scripts/csp_hash.py DIST_DIR`.
"""
import base64
import hashlib
import html as htmllib
import os
import re
import sys

HASH_PLACEHOLDER = "__INLINE_SCRIPT_HASHES__"
HEADERS_PLACEHOLDER = "__CONTENT_SECURITY_POLICY__"


def hash_inline_scripts(page):
    """The page with the placeholder replaced by the hashes of its inline scripts, and their number."""
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() for b in bodies
    )
    return page.replace(HASH_PLACEHOLDER, hashes), len(bodies)


def meta_policy(page):
    """The content of the page's Content-Security-Policy <meta> tag, on one line."""
    m = re.search(r'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"', page, re.S | re.I)
    if not m:
        return None
    return " ".join(htmllib.unescape(m.group(1)).split())


def header_policy(policy):
    """The HTTP header form: the meta policy plus frame-ancestors, which only a header can set."""
    return policy.rstrip("; ") + "; frame-ancestors 'none'"


def main():
    root = os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist")
    path = os.path.join(root, "index.html")
    page = open(path, encoding="utf-8").read()
    if HASH_PLACEHOLDER not in page:
        sys.exit("csp_hash.py: no %s placeholder in %s" % (HASH_PLACEHOLDER, path))
    page, n = hash_inline_scripts(page)
    open(path, "w", encoding="utf-8").write(page)
    print("csp_hash.py: %d inline script(s) hashed into the CSP" % n)

    policy = meta_policy(page)
    if policy is None:
        sys.exit("csp_hash.py: no Content-Security-Policy <meta> tag in %s" % path)
    headers = os.path.join(root, "_headers")
    if not os.path.exists(headers):
        sys.exit("csp_hash.py: %s is missing (index.html copies public/_headers)" % headers)
    text = open(headers, encoding="utf-8").read()
    if HEADERS_PLACEHOLDER not in text:
        sys.exit("csp_hash.py: no %s placeholder in %s" % (HEADERS_PLACEHOLDER, headers))
    open(headers, "w", encoding="utf-8").write(text.replace(HEADERS_PLACEHOLDER, header_policy(policy)))
    print("csp_hash.py: the same policy written to %s" % headers)


if __name__ == "__main__":
    main()
