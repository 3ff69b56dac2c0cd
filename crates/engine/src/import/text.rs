//! Character encodings of exported files.
//!
//! Excel on a French or German Windows writes CSV in Windows-1252 unless told otherwise, "Unicode text"
//! exports are UTF-16 with a byte-order mark, and everything else is UTF-8, with or without a BOM. Fields
//! are checked as UTF-8 first; a field that is not valid UTF-8 is read as Windows-1252 and the file is
//! reported as such (Windows-1252 is the common superset of Latin-1 used by those exports).

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, is skipped).
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    /// Windows-1252 (Western European, Excel's default on those systems).
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// UTF-16, little-endian, with a BOM.
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian, with a BOM.
    #[serde(rename = "utf-16be")]
    Utf16Be,
}

impl Encoding {
    /// The IANA-style name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

/// Byte-order marks: the encoding they announce and their length.
pub fn detect_bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some((Encoding::Utf8, 3))
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((Encoding::Utf16Le, 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    }
}

/// Windows-1252 code points for bytes 0x80..=0x9F; the other bytes map to the same Unicode value.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Appends `bytes` read as Windows-1252 to `out`.
pub fn decode_cp1252_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len());
    for &b in bytes {
        match b {
            0x00..=0x7F => out.push(b as char),
            0x80..=0x9F => out.push(CP1252_HIGH[(b - 0x80) as usize]),
            _ => out.push(b as char),
        }
    }
}

/// Streaming UTF-16 to UTF-8 transcoder: keeps an odd byte and an unpaired high surrogate across chunks.
#[derive(Debug, Clone)]
pub struct Utf16Decoder {
    little_endian: bool,
    odd: Option<u8>,
    high: Option<u16>,
    /// Unpaired surrogates replaced by U+FFFD.
    pub replaced: u64,
}

impl Utf16Decoder {
    /// A decoder for the given byte order.
    pub fn new(little_endian: bool) -> Self {
        Self {
            little_endian,
            odd: None,
            high: None,
            replaced: 0,
        }
    }

    /// Transcodes a chunk, appending UTF-8 to `out`.
    pub fn push(&mut self, mut bytes: &[u8], out: &mut Vec<u8>) {
        out.reserve(bytes.len() / 2 * 3);
        if let Some(first) = self.odd.take() {
            match bytes.split_first() {
                Some((&second, rest)) => {
                    self.unit([first, second], out);
                    bytes = rest;
                }
                None => {
                    self.odd = Some(first);
                    return;
                }
            }
        }
        let mut pairs = bytes.chunks_exact(2);
        for p in &mut pairs {
            self.unit([p[0], p[1]], out);
        }
        if let [last] = pairs.remainder() {
            self.odd = Some(*last);
        }
    }

    fn unit(&mut self, pair: [u8; 2], out: &mut Vec<u8>) {
        let u = if self.little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        };
        let mut buf = [0u8; 4];
        let ch = match (self.high.take(), u) {
            (None, 0xD800..=0xDBFF) => {
                self.high = Some(u);
                return;
            }
            (Some(h), 0xDC00..=0xDFFF) => {
                char::from_u32(0x10000 + (((h as u32) - 0xD800) << 10) + (u as u32 - 0xDC00))
            }
            (Some(_), _) => {
                self.replaced += 1;
                out.extend_from_slice('\u{FFFD}'.encode_utf8(&mut buf).as_bytes());
                if (0xD800..=0xDBFF).contains(&u) {
                    self.high = Some(u);
                    return;
                }
                char::from_u32(u as u32)
            }
            (None, _) => char::from_u32(u as u32),
        };
        let ch = ch.unwrap_or_else(|| {
            self.replaced += 1;
            '\u{FFFD}'
        });
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }

    /// Flushes a dangling half unit or surrogate at the end of the input.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.odd.take().is_some() || self.high.take().is_some() {
            self.replaced += 1;
            out.extend_from_slice("\u{FFFD}".as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_maps_high_bytes() {
        let mut s = String::new();
        decode_cp1252_into(b"Montant \x80 r\xe9gl\xe9 \x96 \x9c", &mut s);
        assert_eq!(s, "Montant € réglé – œ");
    }

    #[test]
    fn utf16_across_any_split() {
        let text = "Relance 2 envoyée 😀 Mahnung";
        for le in [true, false] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            for split in 0..bytes.len() {
                let mut d = Utf16Decoder::new(le);
                let mut out = Vec::new();
                d.push(&bytes[..split], &mut out);
                d.push(&bytes[split..], &mut out);
                d.finish(&mut out);
                assert_eq!(String::from_utf8(out).unwrap(), text);
                assert_eq!(d.replaced, 0);
            }
        }
    }

    #[test]
    fn boms() {
        assert_eq!(detect_bom(b"\xEF\xBB\xBFa"), Some((Encoding::Utf8, 3)));
        assert_eq!(detect_bom(b"\xFF\xFEa\0"), Some((Encoding::Utf16Le, 2)));
        assert_eq!(detect_bom(b"abc"), None);
    }
}
