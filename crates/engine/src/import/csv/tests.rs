use super::*;

#[test]
fn counts_breaks_of_every_kind_across_splits() {
    let text = b"a\nb\r\nc\rd\r\r\ne\n\n";
    // \n, \r\n, \r, \r, \r\n, \n, \n
    assert_eq!(count_breaks(text, &mut false), 7);
    for split in 0..=text.len() {
        let mut cr = false;
        let n = count_breaks(&text[..split], &mut cr) + count_breaks(&text[split..], &mut cr);
        assert_eq!(n, 7, "split at {split}");
    }
}
