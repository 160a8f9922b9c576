//! Parsing the files of one own-data upload together: in the order their
//! contents need (definities, workbooks, complexen, kengetallen), each
//! knowing the own indicators stored and declared before it. Pure CPU
//! work: the caller runs it off the async threads and checks the result
//! against the database.

use super::{OwnData, OwnFileKind, OwnIndicator, OwnSheet, file_kind, parse_own_with};
use crate::kwb::ImportIssue;

/// A file of an upload, read and sound.
#[derive(Debug, Clone)]
pub struct OwnFile {
    /// Its name.
    pub name: String,
    /// Its bytes (for idempotency).
    pub bytes: Vec<u8>,
    /// What it holds.
    pub data: OwnData,
}

/// The problems of an upload, per file (files in import order).
pub type UploadIssues = Vec<(String, Vec<ImportIssue>)>;

/// The order files are taken in: definitions before the files that use
/// them, complexes before the figures that name them.
fn rank(file: &str, bytes: &[u8]) -> u8 {
    match file_kind(file, bytes) {
        Some(OwnFileKind::Csv(OwnSheet::Definities)) => 0,
        Some(OwnFileKind::Workbook) => 1,
        Some(OwnFileKind::Csv(OwnSheet::Complexen)) => 2,
        Some(OwnFileKind::Csv(OwnSheet::Kengetallen)) => 3,
        None => 4,
    }
}

/// Parses every file of an upload; `known` are the own indicators already
/// stored. Either every file in import order, or the problems per file.
pub fn parse_own_upload(
    mut files: Vec<(String, Vec<u8>)>,
    mut known: Vec<OwnIndicator>,
) -> Result<Vec<OwnFile>, UploadIssues> {
    files.sort_by_key(|(name, bytes)| rank(name, bytes));
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for (name, bytes) in files {
        match parse_own_with(&name, &bytes, &known) {
            Ok(data) => {
                known.extend(data.indicators.iter().cloned());
                parsed.push(OwnFile { name, bytes, data });
            }
            Err(p) => problems.push((name, p)),
        }
    }
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(problems)
    }
}
