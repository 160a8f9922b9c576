//! Checking a set of own-data files as one upload: in the order their
//! contents need (definities, workbooks, complexen, kengetallen), each
//! parsed knowing the own indicators stored and declared before it, then
//! checked against the database. Used by the CLI and the web import alike.

use wikken_data::ImportProblem;
use wikken_data::own::{OwnData, OwnFileKind, OwnSheet, file_kind, parse_own_with};

use crate::{OrganisationId, StorageError, Store};

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

impl Store {
    /// Parses and checks every file of an upload for `org` (which need not
    /// exist yet), writing nothing. Either every file in import order, or
    /// the problems per file (files in import order).
    pub async fn check_own_files(
        &self,
        org: &OrganisationId,
        mut files: Vec<(String, Vec<u8>)>,
    ) -> Result<Result<Vec<OwnFile>, Vec<(String, Vec<ImportProblem>)>>, StorageError> {
        files.sort_by_key(|(name, bytes)| rank(name, bytes));
        let mut known = self.own_indicators(org).await?;
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
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let mut pending: Vec<String> = Vec::new();
        for f in &parsed {
            let p = self.own_data_problems(org, &f.data, &pending).await?;
            if !p.is_empty() {
                problems.push((f.name.clone(), p));
            }
            pending.extend(f.data.complexes.iter().map(|c| c.code.clone()));
        }
        Ok(if problems.is_empty() {
            Ok(parsed)
        } else {
            Err(problems)
        })
    }
}
