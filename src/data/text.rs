//! Turning the bytes of an input file into text, whatever encoding Excel chose.
//!
//! Thai CSV files come as UTF-8 (often with a byte-order mark), as UTF-16 when saved as "Unicode
//! Text", or as Windows-874/TIS-620 from older Thai Windows setups. We decode all of them and say in a
//! note when the file was not plain UTF-8, so the publisher knows what happened to their file. A NUL
//! byte means the file is binary or truncated mid-write; it is an error rather than a guess.

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Decodes `bytes` read from `file` (a display path), reporting what was done, with every line
/// ending made `\n` ([`normalize_newlines`]). Returns `None` only when the bytes cannot be text.
pub fn decode(bytes: &[u8], file: &str, diags: &mut Diagnostics) -> Option<String> {
    decode_any(bytes, file, diags).map(normalize_newlines)
}

/// Windows line ends (CRLF, what Excel and Notepad save) and old Mac ones (a lone CR) become
/// `\n`, so that every reader after this one — the CSV parser, TOML, Markdown, templates — and
/// every location computed from the text count lines as the publisher's editor does. (The CSV
/// parser alone treats CRLF as two terminators and reported each row one line early.) A file
/// has the same lines either way; only the bytes that end them change.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fn decode_any(bytes: &[u8], file: &str, diags: &mut Diagnostics) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8_or_thai(rest, file, diags);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            diags.push(
                Diagnostic::error(
                    "bad-encoding",
                    file,
                    "the file starts like UTF-16 but is not valid UTF-16",
                )
                .with_hint("save it again from the spreadsheet as \"CSV UTF-8 (Comma delimited)\""),
            );
            return None;
        }
        diags.push(
            Diagnostic::note("decoded-utf16", file, format!("read as {} text", encoding.name()))
                .with_hint("ecotown prefers \"CSV UTF-8 (Comma delimited)\"; this file was converted on reading"),
        );
        return check_nul(text.into_owned(), file, diags);
    }
    decode_utf8_or_thai(bytes, file, diags)
}

fn decode_utf8_or_thai(bytes: &[u8], file: &str, diags: &mut Diagnostics) -> Option<String> {
    match std::str::from_utf8(bytes) {
        Ok(text) => check_nul(text.to_string(), file, diags),
        Err(utf8_error) => decode_windows_874(bytes, utf8_error, file, diags),
    }
}

/// Windows-874 is a superset of TIS-620, so one decoder serves both. Bytes that are not valid
/// UTF-8 but decode to Thai are almost surely this encoding; if nothing Thai comes out, the file
/// is probably something else entirely, and we point at the first bad byte instead of guessing.
fn decode_windows_874(
    bytes: &[u8],
    utf8_error: std::str::Utf8Error,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    if let Some(thai) = utf8_thai(bytes) {
        // Valid UTF-8 Thai and invalid bytes in one file: rows pasted from a file saved in
        // another encoding. Decoding it all as Windows-874 would publish the UTF-8 part as
        // mojibake, so it is an error, pointing at both parts.
        let offset = utf8_error.valid_up_to();
        let (line, column) = line_column(&bytes[..offset]);
        let (thai_line, _) = line_column(&bytes[..thai]);
        diags.push(
            Diagnostic::error(
                "mixed-encoding",
                file,
                "the file mixes UTF-8 and another encoding (probably Windows-874 / TIS-620)",
            )
            .at(line, column)
            .with_value(format!("byte 0x{:02X}", bytes[offset]))
            .with_hint(format!(
                "line {thai_line} is UTF-8 Thai but this line is not; rows were probably pasted \
                 from another file: save the whole sheet again as \"CSV UTF-8 (Comma delimited)\""
            )),
        );
        return None;
    }
    let (text, _, had_errors) = encoding_rs::WINDOWS_874.decode(bytes);
    let has_thai = text.chars().any(|c| ('\u{0E01}'..='\u{0E5B}').contains(&c));
    if had_errors || !has_thai {
        let offset = utf8_error.valid_up_to();
        let (line, column) = line_column(&bytes[..offset]);
        diags.push(
            Diagnostic::error("bad-encoding", file, "the file is not UTF-8 text")
                .at(line, column)
                .with_value(format!("byte 0x{:02X}", bytes[offset]))
                .with_hint("save it from the spreadsheet as \"CSV UTF-8 (Comma delimited)\""),
        );
        return None;
    }
    diags.push(
        Diagnostic::note(
            "decoded-windows-874",
            file,
            "read as Windows-874 (TIS-620) Thai text, not UTF-8",
        )
        .with_hint("it was converted on reading; saving as \"CSV UTF-8\" avoids the guess"),
    );
    check_nul(text.into_owned(), file, diags)
}

/// The offset of the first UTF-8 encoded Thai letter (U+0E01–U+0E5B: bytes E0 B8 81–BF or
/// E0 B9 80–9B). In Windows-874 those bytes would read "เธ" or "เน" followed by a letter, which
/// Thai spelling does not produce, so finding one in a file that is not valid UTF-8 means the
/// file mixes encodings.
fn utf8_thai(bytes: &[u8]) -> Option<usize> {
    bytes.windows(3).position(|w| {
        matches!(w, [0xE0, 0xB8, 0x81..=0xBF] | [0xE0, 0xB9, 0x80..=0x9B])
            && std::str::from_utf8(w).is_ok()
    })
}

fn check_nul(text: String, file: &str, diags: &mut Diagnostics) -> Option<String> {
    if let Some(offset) = text.find('\0') {
        let (line, column) = line_column(&text.as_bytes()[..offset]);
        let hint = if looks_like_utf16(text.as_bytes()) {
            "the file looks like UTF-16 (\"Unicode Text\") without its byte-order mark: save it \
             from the spreadsheet as \"CSV UTF-8 (Comma delimited)\""
        } else {
            "open it in a text editor or spreadsheet and save it again as CSV UTF-8"
        };
        diags.push(
            Diagnostic::error(
                "nul-byte",
                file,
                "the file contains a NUL byte, so it is binary or damaged",
            )
            .at(line, column)
            .with_hint(hint),
        );
        return None;
    }
    Some(text)
}

/// UTF-16 text of mostly ASCII has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(200)];
    let nuls = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    half >= 2 && (nuls(0) * 10 >= half * 8 || nuls(1) * 10 >= half * 8)
}

/// The 1-based line and character column just after `prefix`, for pointing into a file.
pub fn line_column(prefix: &[u8]) -> (u64, u64) {
    let text = String::from_utf8_lossy(prefix);
    let line = 1 + text.matches('\n').count() as u64;
    let last_line = text.rsplit('\n').next().unwrap_or("");
    (line, 1 + last_line.chars().count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (Option<String>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let text = decode(bytes, "f.csv", &mut diags);
        (text, diags)
    }

    #[test]
    fn line_ends_become_newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\nd".into()), "a\nb\nc\nd");
        assert_eq!(normalize_newlines("a\r\r\nb".into()), "a\n\nb");
        assert_eq!(run(b"a,b\r\n1,2\r\n").0.as_deref(), Some("a,b\n1,2\n"));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(run("ก,b".as_bytes()).0.as_deref(), Some("ก,b"));
        let (text, diags) = run(b"\xEF\xBB\xBFa,b");
        assert_eq!(text.as_deref(), Some("a,b"));
        assert!(diags.is_empty());
    }

    #[test]
    fn windows_874_is_decoded_with_a_note() {
        // "ระยอง" in TIS-620.
        let (text, diags) = run(&[0xC3, 0xD0, 0xC2, 0xCD, 0xA7]);
        assert_eq!(text.as_deref(), Some("ระยอง"));
        assert_eq!(diags.iter().next().unwrap().code, "decoded-windows-874");
    }

    #[test]
    fn utf16_is_decoded_with_a_note() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "a,ก".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, diags) = run(&bytes);
        assert_eq!(text.as_deref(), Some("a,ก"));
        assert_eq!(diags.iter().next().unwrap().code, "decoded-utf16");
    }

    #[test]
    fn nul_bytes_and_garbage_are_errors() {
        let (text, diags) = run(b"a,b\nc\0d");
        assert!(text.is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!((d.code, d.line, d.column), ("nul-byte", Some(2), Some(2)));
        let (text, diags) = run(&[b'a', 0x80, 0x81]);
        assert!(text.is_none());
        assert_eq!(diags.iter().next().unwrap().code, "bad-encoding");
    }

    #[test]
    fn utf16_without_a_byte_order_mark_gets_its_own_hint() {
        let bytes: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (text, diags) = run(&bytes);
        assert!(text.is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!((d.code, d.line, d.column), ("nul-byte", Some(1), Some(2)));
        assert!(d.hint.as_deref().unwrap().contains("UTF-16"));
    }

    #[test]
    fn utf8_and_windows_874_in_one_file_is_an_error() {
        let mut bytes = "ก,ข\n".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xC3, 0xD0, 0xC2, 0xCD, 0xA7, b'\n']); // ระยอง in TIS-620
        let (text, diags) = run(&bytes);
        assert!(text.is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!(
            (d.code, d.line, d.column),
            ("mixed-encoding", Some(2), Some(1))
        );
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .starts_with("line 1 is UTF-8 Thai")
        );
    }
}
