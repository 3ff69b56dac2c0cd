//! The bits of XML the XES reader needs: tag ends, attributes and entities, over byte slices.

use super::*;

/// The buffer being scanned, its validated UTF-8 prefix (empty when not validated at once), and where
/// the current tag starts.
pub(super) struct Src<'a> {
    pub(super) data: &'a [u8],
    pub(super) valid: &'a str,
    pub(super) at: usize,
}

impl<'a> Src<'a> {
    /// A slice of `data` as text: borrowed from the validated prefix when it lies inside it, else
    /// decoded (checked once, when its tag is complete).
    pub(super) fn text(&self, bytes: &'a [u8]) -> Cow<'a, str> {
        let start = bytes.as_ptr() as usize - self.data.as_ptr() as usize;
        let end = start + bytes.len();
        match self.valid.get(start..end) {
            Some(t) => Cow::Borrowed(t),
            None => decode(bytes),
        }
    }
}

/// Text of an XML value: UTF-8 as declared, or Windows-1252 when the bytes are not UTF-8.
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let mut s = String::new();
            decode_cp1252_into(bytes, &mut s);
            Cow::Owned(s)
        }
    }
}

/// Position of the `>` closing a tag that starts at `data[0] == b'<'`, skipping quoted values; the
/// search starts at `from`, inside the quote `quote` if any. When the tag is incomplete, where to resume.
pub(super) fn tag_end(data: &[u8], from: usize, quote: Option<u8>) -> Result<usize, Resume> {
    let mut i = from.min(data.len());
    if let Some(q) = quote {
        match memchr::memchr(q, &data[i..]) {
            Some(k) => i += k + 1,
            None => {
                return Err(Resume::Tag {
                    from: data.len(),
                    quote,
                })
            }
        }
    }
    loop {
        let Some(j) = memchr::memchr3(b'>', b'"', b'\'', &data[i..]).map(|j| j + i) else {
            return Err(Resume::Tag {
                from: data.len(),
                quote: None,
            });
        };
        let q = data[j];
        if q == b'>' {
            return Ok(j);
        }
        match memchr::memchr(q, &data[j + 1..]) {
            Some(k) => i = j + 1 + k + 1,
            None => {
                return Err(Resume::Tag {
                    from: data.len(),
                    quote: Some(q),
                })
            }
        }
    }
}

/// `name="value"` pairs of a tag (values still escaped).
pub(super) fn xml_attributes(s: &[u8]) -> XmlAttributes<'_> {
    XmlAttributes { rest: s }
}

/// The iterator of [`xml_attributes`]: a named type with an `#[inline]` `next`, so it is inlined into
/// the attribute reader, the hottest loop of an XES import.
pub(super) struct XmlAttributes<'a> {
    pub(super) rest: &'a [u8],
}

impl<'a> Iterator for XmlAttributes<'a> {
    type Item = (&'a [u8], &'a [u8]);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let s = self.rest;
        let eq = memchr::memchr(b'=', s)?;
        let name = s[..eq].trim_ascii();
        let rest = &s[eq + 1..];
        let q_at = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        let q = rest[q_at];
        if q != b'"' && q != b'\'' {
            return None;
        }
        let vstart = q_at + 1;
        let vlen = memchr::memchr(q, &rest[vstart..])?;
        let value = &rest[vstart..vstart + vlen];
        self.rest = &rest[vstart + vlen + 1..];
        Some((name, value))
    }
}

/// Resolves the five XML entities and numeric character references.
pub(super) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let ent = &after[..semi];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
