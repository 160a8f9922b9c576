//! A workbook's zip container, looked into before any reader opens it: how
//! many entries it has, how far they inflate and how well they compress
//! (zip bombs), and which kind of workbook it holds.
//!
//! The sizes are those the central directory declares. That is enough: the
//! zip reader (the `zip` crate, also under calamine) refuses to inflate an
//! entry beyond its declared size, so a lying entry fails to read instead
//! of growing.

use std::io::Cursor;

use zip::ZipArchive;

use crate::caps::{
    MAX_COMPRESSION_RATIO, MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES, RATIO_FREE_BYTES, dutch_count,
};

/// What a workbook's zip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Office Open XML (Excel 2007 and later).
    Xlsx,
    /// OpenDocument spreadsheet (LibreOffice, OpenOffice).
    Ods,
}

/// Megabytes, for messages.
fn mb(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// Looks into the zip: the format, or why it is not read (Dutch).
pub(crate) fn inspect(bytes: &[u8]) -> Result<Format, String> {
    inspect_with(bytes, MAX_INFLATED_BYTES)
}

/// [`inspect`], with at most `max_inflated` bytes inflated in all.
fn inspect_with(bytes: &[u8], max_inflated: u64) -> Result<Format, String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!(
            "het werkboek is niet te lezen (geen geldig zip-bestand: {e}): sla het op als .xlsx"
        )
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "het werkboek bestaat uit {} delen; Wikken leest werkboeken van hoogstens {} delen",
            dutch_count(zip.len()),
            dutch_count(MAX_ZIP_ENTRIES)
        ));
    }
    let mut total: u64 = 0;
    let (mut xlsx, mut xlsb, mut ods) = (false, false, false);
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| format!("het werkboek is niet te lezen (deel {}: {e})", i + 1))?;
        let name = entry.name().map_or_else(
            |_| format!("deel {}", i + 1),
            |n| n.chars().take(200).collect(),
        );
        if entry.encrypted() {
            return Err(
                "het werkboek is met een wachtwoord beveiligd: sla het zonder wachtwoord op"
                    .to_string(),
            );
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > RATIO_FREE_BYTES && size / packed.max(1) > MAX_COMPRESSION_RATIO {
            return Err(format!(
                "het deel {name} van het werkboek pakt uit van {} tot {} bytes, meer dan \
                 {MAX_COMPRESSION_RATIO} keer zo groot: zo gedraagt alleen een zip-bom zich; \
                 Wikken leest het niet",
                dutch_count(packed as usize),
                dutch_count(size as usize)
            ));
        }
        total = total.saturating_add(size);
        if total > max_inflated {
            return Err(format!(
                "het werkboek pakt uit tot meer dan {} MB (bij deel {name}); Wikken leest \
                 werkboeken tot {} MB uitgepakt: splits het",
                mb(max_inflated),
                mb(max_inflated)
            ));
        }
        match name.as_str() {
            "xl/workbook.xml" => xlsx = true,
            "xl/workbook.bin" => xlsb = true,
            "content.xml" => ods = true,
            _ => {}
        }
    }
    if xlsx {
        Ok(Format::Xlsx)
    } else if ods {
        Ok(Format::Ods)
    } else if xlsb {
        Err(
            "dit is een binair Excel-werkboek (.xlsb); Wikken leest .xlsx en .ods: \
             sla het op als .xlsx"
                .to_string(),
        )
    } else {
        Err(
            "dit zip-bestand is geen werkboek (geen .xlsx of .ods): sla het op als .xlsx"
                .to_string(),
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::{SimpleFileOptions, ZipWriter};

    use super::*;

    /// A zip of `entries` (name, content), deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(false);
        for (name, content) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn formats_are_told_apart() {
        let xlsx = zip_of(&[("[Content_Types].xml", b"x"), ("xl/workbook.xml", b"x")]);
        assert_eq!(inspect(&xlsx), Ok(Format::Xlsx));
        let ods = zip_of(&[("mimetype", b"x"), ("content.xml", b"x")]);
        assert_eq!(inspect(&ods), Ok(Format::Ods));
        let xlsb = zip_of(&[("xl/workbook.bin", b"x")]);
        assert!(inspect(&xlsb).unwrap_err().contains(".xlsb"));
        let other = zip_of(&[("word/document.xml", b"x")]);
        assert!(inspect(&other).unwrap_err().contains("geen werkboek"));
        assert!(
            inspect(b"PK\x03\x04 rubbish")
                .unwrap_err()
                .contains("niet te lezen")
        );
    }

    #[test]
    fn a_zip_bomb_is_refused_by_its_ratio() {
        // 8 MB of zeros deflate to about 8 KB: a ratio of about 1,000.
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let bomb = zip_of(&[
            ("xl/workbook.xml", b"x"),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]);
        let e = inspect(&bomb).unwrap_err();
        assert!(
            e.starts_with("het deel xl/worksheets/sheet1.xml van het werkboek pakt uit van ")
                && e.contains("tot 8.388.608 bytes, meer dan 200 keer zo groot")
                && e.contains("zip-bom"),
            "{e}"
        );
    }

    #[test]
    fn the_inflated_total_is_capped() {
        // below the size the ratio is checked from, so only the total counts
        let part = vec![b'a'; 900 * 1024];
        let book = zip_of(&[
            ("xl/workbook.xml", b"x"),
            ("a.xml", &part),
            ("b.xml", &part),
        ]);
        assert_eq!(inspect_with(&book, 2 * 1024 * 1024), Ok(Format::Xlsx));
        let e = inspect_with(&book, 1024 * 1024).unwrap_err();
        assert_eq!(
            e,
            "het werkboek pakt uit tot meer dan 1 MB (bij deel b.xml); Wikken leest werkboeken \
             tot 1 MB uitgepakt: splits het"
        );
    }

    #[test]
    fn too_many_entries_are_refused() {
        let names: Vec<String> = (0..=MAX_ZIP_ENTRIES).map(|i| format!("d/{i}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let e = inspect(&zip_of(&entries)).unwrap_err();
        assert_eq!(
            e,
            "het werkboek bestaat uit 1.001 delen; Wikken leest werkboeken van hoogstens 1.000 delen"
        );
    }
}
