//! Checking a set of own-data files as one upload: parsed together (see
//! `wikken_data::own::parse_own_upload`), then checked against the
//! database. Used by the CLI and the web import alike; the web import runs
//! the parsing off the async threads and calls [`Store::check_parsed_own_files`].

use wikken_data::own::{OwnFile, UploadIssues, parse_own_upload};

use crate::{OrganisationId, StorageError, Store};

impl Store {
    /// Parses and checks every file of an upload for `org` (which need not
    /// exist yet), writing nothing. Either every file in import order, or
    /// the problems per file (files in import order).
    pub async fn check_own_files(
        &self,
        org: &OrganisationId,
        files: Vec<(String, Vec<u8>)>,
    ) -> Result<Result<Vec<OwnFile>, UploadIssues>, StorageError> {
        let known = self.own_indicators(org).await?;
        match parse_own_upload(files, known) {
            Ok(parsed) => self.check_parsed_own_files(org, parsed).await,
            Err(problems) => Ok(Err(problems)),
        }
    }

    /// Checks parsed files of an upload against the database (buurten and
    /// complexes they name), in order, each knowing the complexes of the
    /// files before it. Writes nothing.
    pub async fn check_parsed_own_files(
        &self,
        org: &OrganisationId,
        parsed: Vec<OwnFile>,
    ) -> Result<Result<Vec<OwnFile>, UploadIssues>, StorageError> {
        let mut problems = Vec::new();
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
