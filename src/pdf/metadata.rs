//! PDF/UA basics Chromium leaves out: XMP metadata with the brief's title in both languages and
//! the PDF/UA identifier (`pdfuaid:part` 1), added as an **incremental update**.
//!
//! Chromium already writes what it can from the page: a tagged structure tree (`/MarkInfo`),
//! the document language (`/Lang`), `DisplayDocTitle`, and alternate text for every figure with an
//! accessible name (the briefs give one to every drawing). What it never writes is a `/Metadata`
//! stream. Rather than parse and rewrite the whole file (ecotown has no PDF library, and needs
//! none for this), the new objects — the XMP stream and the catalog that points to it — are
//! appended after `%%EOF` with their own cross-reference section whose trailer names the
//! previous one (`/Prev`), as PDF 1.4 §3.4.5 allows: every reader takes the newest catalog, and
//! the bytes Chromium wrote stay as they were. Deterministic: the XMP holds no time but the
//! build's date.

use std::fmt::Write;

use super::fix::{find, rfind};

/// What the XMP says about one brief.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// The document's language (`th`, `en`): the title in it is the default.
    pub lang: String,
    /// The title in each language, `(lang, title)`.
    pub titles: Vec<(String, String)>,
    pub publisher: String,
    /// The build's date, `YYYY-MM-DD`.
    pub date: String,
}

/// The XMP packet for `meta`.
pub fn xmp(meta: &Metadata) -> String {
    let esc = crate::escape::markup;
    let mut titles = String::new();
    let default = meta
        .titles
        .iter()
        .find(|(l, _)| *l == meta.lang)
        .or(meta.titles.first());
    if let Some((_, t)) = default {
        let _ = write!(titles, "<rdf:li xml:lang=\"x-default\">{}</rdf:li>", esc(t));
    }
    for (lang, title) in &meta.titles {
        let _ = write!(
            titles,
            "<rdf:li xml:lang=\"{}\">{}</rdf:li>",
            esc(lang),
            esc(title)
        );
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         <dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt>{titles}</rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
         <dc:publisher><rdf:Bag><rdf:li>{publisher}</rdf:li></rdf:Bag></dc:publisher>\n\
         <xmp:CreatorTool>ecotown</xmp:CreatorTool>\n\
         <xmp:CreateDate>{date}</xmp:CreateDate>\n\
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
         <pdfuaid:part>1</pdfuaid:part>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        lang = esc(&meta.lang),
        publisher = esc(&meta.publisher),
        date = esc(&meta.date),
    )
}

/// Appends the XMP of `meta` to `pdf` as an incremental update, with a catalog that points to it.
/// `false` (and `pdf` unchanged) when the file is not laid out as Chromium writes it: a classic
/// cross-reference table, the catalog uncompressed.
pub fn add(pdf: &mut Vec<u8>, meta: &Metadata) -> bool {
    let Some(update) = update(pdf, &xmp(meta)) else {
        return false;
    };
    pdf.extend_from_slice(&update);
    true
}

fn update(pdf: &[u8], xmp: &str) -> Option<Vec<u8>> {
    let trailer_at = rfind(pdf, b"trailer")?;
    let trailer = std::str::from_utf8(&pdf[trailer_at..]).ok()?;
    let number_after = |key: &str| -> Option<u64> {
        let rest = &trailer[trailer.find(key)? + key.len()..];
        rest.split_whitespace()
            .next()?
            .trim_end_matches(">>")
            .parse()
            .ok()
    };
    let size = number_after("/Size")?;
    let root = number_after("/Root")?;
    let info = number_after("/Info");
    let prev = number_after("startxref")?;
    if trailer.contains("/Prev") || trailer.contains("/Encrypt") {
        return None;
    }
    let catalog = object_body(pdf, root)?;
    if catalog.contains("/Metadata") || !catalog.trim_end().ends_with(">>") {
        return None;
    }
    let meta_id = size;
    let catalog = format!(
        "{} /Metadata {meta_id} 0 R>>",
        catalog.trim_end().trim_end_matches(">>")
    );
    let mut out = vec![b'\n'];
    // Where the next byte written will be in the whole file.
    let here = |out: &Vec<u8>| (pdf.len() + out.len()) as u64;
    let meta_at = here(&out);
    let _ = write!(
        Bytes(&mut out),
        "{meta_id} 0 obj\n<</Type /Metadata /Subtype /XML /Length {}>> stream\n{xmp}\nendstream\nendobj\n",
        xmp.len()
    );
    let root_at = here(&out);
    let _ = write!(Bytes(&mut out), "{root} 0 obj\n{catalog}\nendobj\n");
    let xref_at = here(&out);
    let info = info.map_or(String::new(), |i| format!(" /Info {i} 0 R"));
    let _ = write!(
        Bytes(&mut out),
        "xref\n{root} 1\n{root_at:010} 00000 n \n{meta_id} 1\n{meta_at:010} 00000 n \n\
         trailer\n<</Size {} /Root {root} 0 R{info} /Prev {prev}>>\nstartxref\n{xref_at}\n%%EOF\n",
        size + 1
    );
    Some(out)
}

/// The text between `N 0 obj` and `endobj` of an uncompressed object.
fn object_body(pdf: &[u8], number: u64) -> Option<String> {
    let head = format!("\n{number} 0 obj");
    let at = find(pdf, head.as_bytes())? + head.len();
    let end = at + find(&pdf[at..], b"endobj")?;
    String::from_utf8(pdf[at..end].to_vec())
        .ok()
        .map(|s| s.trim().to_string())
}

/// `write!` into a byte vector.
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &str = "%PDF-1.4\n1 0 obj\n<</Title (x)>>\nendobj\n2 0 obj\n<</Type /Catalog\n/Lang (th)>>\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000040 00000 n \ntrailer\n<</Size 3\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n80\n%%EOF";

    fn meta() -> Metadata {
        Metadata {
            lang: "th".into(),
            titles: vec![
                ("th".into(), "สรุปข้อมูลจังหวัด: ระยอง".into()),
                ("en".into(), "Provincial brief: Rayong & co".into()),
            ],
            publisher: "กรมโรงงานอุตสาหกรรม".into(),
            date: "2021-09-30".into(),
        }
    }

    #[test]
    fn the_update_points_to_the_new_objects_at_their_offsets() {
        let mut pdf = PDF.as_bytes().to_vec();
        assert!(add(&mut pdf, &meta()));
        let text = String::from_utf8(pdf.clone()).unwrap();
        let tail = &text[PDF.len()..];
        assert!(tail.contains("2 0 obj\n<</Type /Catalog\n/Lang (th) /Metadata 3 0 R>>\nendobj"));
        assert!(tail.contains("/Size 4 /Root 2 0 R /Info 1 0 R /Prev 80>>"));
        // Each offset in the new section is where its object starts.
        let xref = &tail[tail.find("xref\n").unwrap()..];
        for (number, line) in [(2, 2), (3, 4)] {
            let offset: usize = xref.lines().nth(line).unwrap()[..10].parse().unwrap();
            assert!(
                text[offset..].starts_with(&format!("{number} 0 obj")),
                "{number}"
            );
        }
        let start: usize = tail
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[start..].starts_with("xref\n"));
        assert!(tail.contains("<rdf:li xml:lang=\"x-default\">สรุปข้อมูลจังหวัด: ระยอง</rdf:li>"));
        assert!(tail.contains("Rayong &amp; co"));
        assert!(tail.contains("<pdfuaid:part>1</pdfuaid:part>"));
        // Once only: a file that has metadata is left alone.
        assert!(!add(&mut pdf, &meta()));
    }
}
