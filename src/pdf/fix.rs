//! Making Chromium's PDFs reproducible and honest about their origin, by editing bytes in place:
//! the dates become the build's, the structure elements' ids are renumbered by rank, and the
//! Creator becomes "ecotown". Every edit keeps each byte count, so the cross-reference offsets
//! stay true without rewriting the file. Also counts pages (`page_count`), for the brief length
//! warning.

/// Overwrites the dates of `/CreationDate (D:…)` and `/ModDate (D:…)` with `date` (`YYYY-MM-DD`)
/// at midnight UTC, keeping every byte count. Returns how many dates were set. A date in a form
/// we do not recognise is left as it is.
pub fn fix_dates(pdf: &mut [u8], date: &str) -> usize {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 8 {
        return 0;
    }
    let stamp = format!("{digits}000000");
    let mut fixed = 0;
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(found) = find(&pdf[from..], key) {
            let start = from + found + key.len();
            from = start;
            if set_date(&mut pdf[start..], stamp.as_bytes()) {
                fixed += 1;
            }
        }
    }
    fixed
}

/// What a brief's `/Creator` says: the program that made the document, not the browser's user
/// agent that printed it.
pub const CREATOR: &[u8] = b"ecotown";

/// Overwrites the `/Creator (…)` string Chromium writes (its user agent) with [`CREATOR`],
/// padding with spaces after the closing parenthesis so that every byte offset of the file stays
/// where the cross-reference table says. Returns whether it was set (a string shorter than
/// "ecotown" is left alone).
pub fn fix_creator(pdf: &mut [u8]) -> bool {
    let key = b"/Creator (";
    let Some(found) = find(pdf, key) else {
        return false;
    };
    let start = found + key.len();
    // The string ends at the first parenthesis not escaped by a backslash.
    let mut end = start;
    while end < pdf.len() && pdf[end] != b')' {
        end += if pdf[end] == b'\\' { 2 } else { 1 };
    }
    if end >= pdf.len() || end - start < CREATOR.len() {
        return false;
    }
    let old_len = end + 1 - start;
    let mut replacement = CREATOR.to_vec();
    replacement.push(b')');
    replacement.resize(old_len, b' ');
    pdf[start..=end].copy_from_slice(&replacement);
    true
}

/// `at` starts with `YYYYMMDDHHmmSS`, optionally followed by an offset `+HH'mm'`.
fn set_date(at: &mut [u8], stamp: &[u8]) -> bool {
    let n = stamp.len();
    if at.len() < n || !at[..n].iter().all(u8::is_ascii_digit) {
        return false;
    }
    at[..n].copy_from_slice(stamp);
    let offset = &mut at[n..];
    let is_offset = offset.len() >= 7
        && matches!(offset[0], b'+' | b'-')
        && offset[1..3].iter().all(u8::is_ascii_digit)
        && offset[3] == b'\''
        && offset[4..6].iter().all(u8::is_ascii_digit)
        && offset[6] == b'\'';
    if is_offset {
        offset[..7].copy_from_slice(b"+00'00'");
    }
    true
}

/// The structure-element ids Chromium writes: `(node` + this many digits + `)`.
const NODE_ID_DIGITS: usize = 8;

/// Renumbers every `(node00000036)` id 1, 2, 3… in the order of their numbers, so that the same
/// page gives the same ids whatever Chromium's node counter stood at. Ids keep their length and
/// their relative order. Returns how many distinct ids there were.
pub fn fix_node_ids(pdf: &mut [u8]) -> usize {
    let places = node_id_places(pdf);
    let mut ids: Vec<u64> = places.iter().map(|&(_, id)| id).collect();
    ids.sort_unstable();
    ids.dedup();
    for &(at, id) in &places {
        // `ids` holds `id`: it was collected from `places`.
        let rank = ids.partition_point(|&x| x < id) + 1;
        let digits = format!("{rank:0width$}", width = NODE_ID_DIGITS);
        if digits.len() == NODE_ID_DIGITS {
            pdf[at..at + NODE_ID_DIGITS].copy_from_slice(digits.as_bytes());
        }
    }
    ids.len()
}

/// Where each id's digits start, with its number.
fn node_id_places(pdf: &[u8]) -> Vec<(usize, u64)> {
    const OPEN: &[u8] = b"(node";
    let mut places = Vec::new();
    let mut from = 0;
    while let Some(found) = find(&pdf[from..], OPEN) {
        let start = from + found + OPEN.len();
        from = start;
        let end = start + NODE_ID_DIGITS;
        let Some(digits) = pdf.get(start..end) else {
            break;
        };
        if pdf.get(end) == Some(&b')') && digits.iter().all(u8::is_ascii_digit) {
            let id = digits
                .iter()
                .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
            places.push((start, id));
        }
    }
    places
}

/// How many pages a PDF has: its page objects (`/Type /Page`, not the `/Pages` tree nodes).
/// Chromium writes every page object uncompressed, so counting them needs no PDF parser.
pub fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    let mut count = 0;
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], needle) {
        let end = from + at + needle.len();
        if pdf.get(end) != Some(&b's') {
            count += 1;
        }
        from = end;
    }
    count
}

/// Where `needle` first occurs in `haystack` (the byte search every edit of a PDF uses).
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where `needle` last occurs in `haystack`.
pub(crate) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_replaced_at_the_same_length() {
        let mut pdf =
            b"<</CreationDate (D:20261126154947+07'00')\n/ModDate (D:20261126154947Z)>>".to_vec();
        let len = pdf.len();
        assert_eq!(fix_dates(&mut pdf, "2021-09-30"), 2);
        assert_eq!(pdf.len(), len);
        assert_eq!(
            String::from_utf8(pdf).unwrap(),
            "<</CreationDate (D:20210930000000+00'00')\n/ModDate (D:20210930000000Z)>>"
        );
    }

    #[test]
    fn node_ids_are_renumbered_by_rank() {
        let mut a =
            b"/ID (node00000040) /Headers [(node00000036) (node00000040)] (node123)".to_vec();
        let mut b =
            b"/ID (node00000036) /Headers [(node00000032) (node00000036)] (node123)".to_vec();
        assert_eq!(fix_node_ids(&mut a), 2);
        fix_node_ids(&mut b);
        assert_eq!(a, b);
        assert_eq!(
            String::from_utf8(a).unwrap(),
            "/ID (node00000002) /Headers [(node00000001) (node00000002)] (node123)"
        );
    }

    #[test]
    fn unrecognised_dates_are_left_alone() {
        let mut creator =
            b"<</Creator (Mozilla/5.0 \\(X11\\) HeadlessChrome/156)\n/Producer (Skia)>>".to_vec();
        let len = creator.len();
        assert!(fix_creator(&mut creator));
        assert_eq!(creator.len(), len);
        let text = String::from_utf8(creator).unwrap();
        assert!(text.starts_with("<</Creator (ecotown)   "), "{text}");
        assert!(text.ends_with("\n/Producer (Skia)>>"), "{text}");
        let mut short = b"/Creator (x)".to_vec();
        assert!(!fix_creator(&mut short));
        let mut pdf = b"/CreationDate (D:2026)".to_vec();
        assert_eq!(fix_dates(&mut pdf, "2021-09-30"), 0);
        assert_eq!(pdf, b"/CreationDate (D:2026)");
        assert_eq!(fix_dates(&mut pdf, "not a date"), 0);
    }

    #[test]
    fn pages_are_counted_without_the_page_tree() {
        let pdf = b"1 0 obj <</Type /Pages /Count 2>> 2 0 obj <</Type /Page>> 3 0 obj <</Type /Page /X 1>>";
        assert_eq!(page_count(pdf), 2);
        assert_eq!(page_count(b"%PDF-1.4"), 0);
    }
}
