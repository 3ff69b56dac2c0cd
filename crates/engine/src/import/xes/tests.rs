use super::*;

#[test]
fn unescapes_entities() {
    assert_eq!(
        unescape("a &amp; b &lt;c&gt; &#233;&#xE9; &bogus; & x"),
        "a & b <c> éé &bogus; & x"
    );
}

/// A 1 MiB attribute value (and a 1 MiB comment) fed in 1 KiB chunks: every byte is examined a bounded
/// number of times, not once per chunk.
#[test]
fn a_long_tag_fed_in_small_chunks_is_scanned_once() {
    let big = "x".repeat(1 << 20);
    let text = format!(
        "<log><trace><string key=\"concept:name\" value=\"T\"/><!-- {big} -->\
<event><string key=\"concept:name\" value=\"A\"/><string key=\"note\" value=\"{big}\"/>\
<date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event></trace></log>"
    );
    let mut d = XesDecoder::new(XesOptions::default());
    for c in text.as_bytes().chunks(1024) {
        d.feed(c).unwrap();
    }
    let work = d.work;
    let imported = d.finish().unwrap();
    assert_eq!(imported.log.event_count(), 1);
    assert!(
        work <= 4 * text.len() as u64,
        "{work} bytes examined for {} bytes of input",
        text.len()
    );
}

#[test]
fn finds_tag_ends_past_quoted_brackets() {
    assert_eq!(
        tag_end(b"<string key=\"a>b\" value='>'/> tail", 1, None).ok(),
        Some(28)
    );
    // Cut inside a quoted value: resumed from the cut, still inside the quote.
    let cut = b"<string key=\"a>b";
    let Err(Resume::Tag { from, quote }) = tag_end(cut, 1, None) else {
        panic!("a cut tag is incomplete");
    };
    assert_eq!((from, quote), (cut.len(), Some(b'"')));
    let whole = b"<string key=\"a>b\" value='>'/> tail";
    assert_eq!(tag_end(whole, from, quote).ok(), Some(28));
}
