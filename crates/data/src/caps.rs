//! Caps on what one uploaded file may make Wikken read, build or keep, so
//! that no file (careless or hostile) can exhaust the server's memory or
//! time for everyone. Each cap is checked *before* the work or allocation
//! it bounds, and going over it is a Dutch message naming the file's place
//! and the cap.
//!
//! The values are set against the largest real files Wikken must import,
//! those in `shared/data` (see its README) and CBS's own downloads:
//! the national buurten TopoJSON (`buurten_nl_2019_2020_wgs84.topojson`,
//! 3.3 MB: 13,594 buurten, 38,347 arcs of 113,009 positions, 75,524 arc
//! references; per buurt at most 5 parts, 10 rings, 42 arc references and
//! 170 positions), the KWB 2024 buurten CSV (14,574 rows, 1.9 MB) and CBS's
//! full KWB download (about 18,000 areas × about 130 columns, 20-30 MB).

// ---------------------------------------------------------------------
// Upload sizes (the web import; the CLI reads files the user names)
// ---------------------------------------------------------------------

/// Largest file in an import upload: CBS's full KWB download of one year
/// (all gemeenten, wijken and buurten, every column) is 20-30 MB; the
/// national buurten TopoJSON is 3.3 MB.
pub const MAX_IMPORT_FILE_BYTES: usize = 48 * 1024 * 1024;

/// Most files in one import upload (a year of KWB per level, its
/// boundaries per level and own data fit many times over).
pub const MAX_IMPORT_FILES: usize = 20;

/// Largest import upload as a whole (the request body): two files of the
/// largest size, plus the form's small fields.
pub const MAX_IMPORT_BYTES: usize = 2 * MAX_IMPORT_FILE_BYTES + 64 * 1024;

/// Largest whole-afweging or model file to import (JSON). An afweging at
/// the limits of `wikken_core::limits` has up to 250,000 flows; Wikken
/// writes a flow in about 300 bytes (`examples/portefeuille-complexen.json`:
/// 191 KB for 113 options and 668 flows), so with its options, criteria and
/// scores such a file is about 80 MB.
pub const MAX_CASE_FILE_BYTES: usize = 96 * 1024 * 1024;

/// Largest body of any other request (forms): the largest form, the
/// effects of one option with every flow, is a few tens of KB.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// Largest text field of a multipart form (CSRF token, kind, year): they
/// are a few dozen bytes.
pub const MAX_FORM_FIELD_BYTES: usize = 4 * 1024;

/// Longest name of an uploaded file, in characters (names are shown and
/// stored with the import).
pub const MAX_FILE_NAME_CHARS: usize = 255;

/// Most parts of a multipart form: the import form has three fields and
/// up to [`MAX_IMPORT_FILES`] files.
pub const MAX_FORM_PARTS: usize = MAX_IMPORT_FILES + 10;

// ---------------------------------------------------------------------
// Workbooks (XLSX, ODS): the zip container
// ---------------------------------------------------------------------

/// Most entries in a workbook's zip: an XLSX written by Excel has 10-30
/// parts (one per sheet, styles, strings, theme, ...), an ODS about 10.
pub const MAX_ZIP_ENTRIES: usize = 1_000;

/// Most bytes a workbook may inflate to, all entries together, as their
/// sizes are declared in the zip's central directory (the zip reader then
/// refuses to inflate an entry beyond its declared size). A sheet of
/// [`MAX_SHEET_CELLS`] cells is about 100 MB of XML.
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;

/// Highest ratio of inflated to compressed size of one entry. Sheet XML
/// compresses 5-30 times, very regular sheets up to about 100; deflate
/// can reach about 1,000, which only zip bombs do.
pub const MAX_COMPRESSION_RATIO: u64 = 200;

/// Entries that inflate to less than this are not held to
/// [`MAX_COMPRESSION_RATIO`]: tiny parts (an empty sheet, the mimetype)
/// compress oddly and cannot hurt.
pub const RATIO_FREE_BYTES: u64 = 1024 * 1024;

/// Largest styles part (`styles.xml`) of an XLSX: Excel writes a few KB,
/// workbooks bloated by copied formats a few hundred KB to 1-2 MB.
/// calamine reads it whole on opening.
pub const MAX_XLSX_STYLE_BYTES: u64 = 4 * 1024 * 1024;

/// Most cell formats (`xf` in `cellXfs`) of an XLSX. Excel allows 65,490,
/// but a sheet of own data needs a handful; calamine builds a full style
/// (with a copy of its font, fill and border) for each.
pub const MAX_XLSX_STYLES: usize = 10_000;

/// Longest font, fill, border or number format in `styles.xml`, in bytes:
/// Excel's are 50-500 bytes. Each is copied into every cell format that
/// uses it, so this and [`MAX_XLSX_STYLES`] bound those copies (to about
/// 80 MB).
pub const MAX_XLSX_STYLE_PART_BYTES: u64 = 2 * 1024;

// ---------------------------------------------------------------------
// Sheets (own data as CSV, XLSX or ODS)
// ---------------------------------------------------------------------

/// Highest row number that may hold a value. Own figures for every buurt
/// of the country over ten years are 14,574 × 10 ≈ 146,000 rows.
pub const MAX_SHEET_ROWS: u32 = 250_000;

/// Highest column number that may hold a value (column IV). The template's
/// widest sheet, kengetallen, has three columns plus one per indicator.
pub const MAX_SHEET_COLUMNS: u32 = 256;

/// Most filled cells in one file, all sheets together: 146,000 rows of
/// kengetallen with a dozen indicators fit.
pub const MAX_SHEET_CELLS: usize = 2_000_000;

/// Longest text of one cell, in bytes: Excel's own maximum is 32,767
/// characters, each at most 4 bytes in UTF-8.
pub const MAX_CELL_TEXT_BYTES: usize = 4 * 32_767;

/// Most text all cells of one file may hold together, in bytes. A
/// workbook's shared strings are stored once but read once per cell, so
/// this bounds what a small file of repeated references can make.
pub const MAX_SHEET_TEXT_BYTES: usize = 64 * 1024 * 1024;

// ---------------------------------------------------------------------
// Boundaries (GeoJSON, TopoJSON)
// ---------------------------------------------------------------------

/// Most features in one boundary file: the country has about 14,600
/// buurten, 3,400 wijken and 342 gemeenten.
pub const MAX_FEATURES: usize = 100_000;

/// Most polygons (parts) of one feature. The national buurten have at most
/// 5; a gemeente with many islands in PDOK's detailed map a few hundred.
/// Checking a shape compares its parts pairwise.
pub const MAX_PARTS_PER_FEATURE: usize = 1_000;

/// Most rings (exteriors and holes) of one feature (national buurten: at
/// most 10 in one polygon).
pub const MAX_RINGS_PER_FEATURE: usize = 10_000;

/// Most positions of one feature, after TopoJSON's arcs are joined. The
/// national buurten have at most 170; PDOK's detailed gemeente shapes tens
/// of thousands. Repairing a shape costs more than linear time in this.
pub const MAX_POSITIONS_PER_FEATURE: usize = 250_000;

/// Most positions built from one file: all features' positions, and for
/// TopoJSON the arcs' positions too (the national buurten: 113,009 in arcs,
/// about 230,000 in the joined shapes). 16 bytes each: 80 MB at most.
pub const MAX_POSITIONS: usize = 5_000_000;

/// Most arc references in one TopoJSON file (the national buurten: 75,524).
pub const MAX_ARC_REFERENCES: usize = 1_000_000;

/// Largest quantised coordinate of a TopoJSON arc once its deltas are
/// added up: quantisation uses integers below 2^16 to 2^24 in practice;
/// beyond 2^31 a file is broken or hostile.
pub const MAX_QUANTISED: f64 = 2_147_483_648.0;

/// Deepest nesting of a JSON file (boundaries, CBS pages, afwegingen): a
/// MultiPolygon in a FeatureCollection is 8 levels deep. This is
/// `serde_json`'s own recursion limit; it is named here so that messages
/// can say it.
pub const MAX_JSON_DEPTH: usize = 128;

// ---------------------------------------------------------------------
// CBS Kerncijfers (CSV, OData)
// ---------------------------------------------------------------------

/// Most columns of a KWB CSV file: CBS's full download has about 130.
pub const MAX_KWB_COLUMNS: usize = 1_000;

/// Most values read from one KWB file or one set of CBS pages: the full
/// national download has about 18,000 areas × the 20-odd indicators
/// Wikken reads ≈ 400,000 values; six years of it fit.
pub const MAX_KWB_VALUES: usize = 3_000_000;

// ---------------------------------------------------------------------
// Leefbaarometer (CSV)
// ---------------------------------------------------------------------

/// Largest Leefbaarometer file: its national buurten file of all
/// measurements (2002-2024, about 125,000 rows of some 180 bytes) is about
/// 23 MB.
pub const MAX_LBM_FILE_BYTES: usize = MAX_IMPORT_FILE_BYTES;

/// Most columns of a Leefbaarometer file: the open data has about ten.
pub const MAX_LBM_COLUMNS: usize = 100;

/// Most rows of a Leefbaarometer file: three times its national buurten
/// file of all measurements.
pub const MAX_LBM_ROWS: usize = 400_000;

// ---------------------------------------------------------------------
// ImportIssues
// ---------------------------------------------------------------------

/// Most problems kept for one file; the rest are counted in one closing
/// problem. A file with a mistake in every cell would otherwise make a
/// list many times its own size (the import page shows the first 200).
pub const MAX_PROBLEMS: usize = 1_000;

/// A count as Dutch text writes it: 2000000 → "2.000.000".
pub fn dutch_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(dutch_count(0), "0");
        assert_eq!(dutch_count(999), "999");
        assert_eq!(dutch_count(1000), "1.000");
        assert_eq!(dutch_count(250_000), "250.000");
        assert_eq!(dutch_count(2_000_000), "2.000.000");
    }
}
