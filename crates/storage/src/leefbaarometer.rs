//! Importing Leefbaarometer scores like CBS figures: its indicators and
//! values for the organisation's areas, all in one transaction. An area
//! the organisation does not have yet is added, as a CBS file adds its
//! areas, but a known area keeps its name (a Leefbaarometer file may name
//! areas by code only, or by an older name); the import says which areas
//! were new, and which of their gemeenten the organisation lacks.

use std::collections::{BTreeSet, HashSet};

use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use wikken_data::{Area, Dataset};

use crate::monitor::{BATCH, insert_areas, upsert_indicators, upsert_observations};
use crate::{ImportKind, ImportSummary, OrganisationId, StorageError, Store};

/// Most new areas a note names; the rest are counted.
const NAMED_IN_NOTE: usize = 5;

/// What a Leefbaarometer import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeefbaarometerImport {
    /// Areas and values in the file, and whether anything was stored.
    pub summary: ImportSummary,
    /// The file's areas the organisation did not have, now added (code and
    /// name), in file order.
    pub new_areas: Vec<(String, String)>,
    /// Gemeenten of the file's areas the organisation does not have
    /// (codes): the wijkmonitor shows a gemeente's areas once its CBS
    /// figures are imported.
    pub missing_gemeenten: Vec<String>,
}

impl LeefbaarometerImport {
    /// What the user should know, in Dutch (empty when nothing is new).
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.new_areas.is_empty() {
            let named: Vec<String> = self
                .new_areas
                .iter()
                .take(NAMED_IN_NOTE)
                .map(|(code, name)| {
                    if code == name {
                        code.clone()
                    } else {
                        format!("{code} {name}")
                    }
                })
                .collect();
            let rest = self.new_areas.len().saturating_sub(NAMED_IN_NOTE);
            notes.push(format!(
                "{} {} nog niet bekend en {} toegevoegd: {}{}.",
                self.new_areas.len(),
                if self.new_areas.len() == 1 {
                    "gebied was"
                } else {
                    "gebieden waren"
                },
                if self.new_areas.len() == 1 {
                    "is"
                } else {
                    "zijn"
                },
                named.join(", "),
                if rest > 0 {
                    format!(" en nog {rest}")
                } else {
                    String::new()
                }
            ));
        }
        match self.missing_gemeenten.as_slice() {
            [] => {}
            [one] => notes.push(format!(
                "Gemeente {one} is nog niet bekend: importeer haar CBS-kerncijfers om haar \
                 wijken en buurten op de wijkmonitor te zien."
            )),
            many => notes.push(format!(
                "De gemeenten {} zijn nog niet bekend: importeer hun CBS-kerncijfers om hun \
                 wijken en buurten op de wijkmonitor te zien.",
                many.join(", ")
            )),
        }
        notes
    }
}

/// Which of `codes` the organisation has as areas.
async fn known_codes(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    codes: &[&str],
) -> Result<HashSet<String>, StorageError> {
    let mut known = HashSet::new();
    for chunk in codes.chunks(BATCH) {
        let list: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT code FROM areas WHERE organisation_id = $1 AND code IN ({})",
            list.join(", ")
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql).bind(&org.0);
        for code in chunk {
            q = q.bind(*code);
        }
        known.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(known)
}

impl Store {
    /// Imports a Leefbaarometer dataset (see
    /// [`wikken_data::parse_leefbaarometer`]) in one transaction: new
    /// areas, the indicators and every value, or nothing. Values already
    /// there for the same area, indicator and year are replaced; a file
    /// imported before (same bytes) changes nothing.
    pub async fn import_leefbaarometer(
        &self,
        org: &OrganisationId,
        file_name: &str,
        bytes: &[u8],
        data: &Dataset,
    ) -> Result<LeefbaarometerImport, StorageError> {
        let sha = format!("{:x}", Sha256::digest(bytes));
        let kind = ImportKind::Leefbaarometer;
        let summary = |applied| ImportSummary {
            applied,
            areas: data.areas.len(),
            observations: data.observations.len(),
        };
        let mut tx = self.write_tx().await?;
        if crate::imports::already_imported(&mut tx, org, kind, &sha).await? {
            return Ok(LeefbaarometerImport {
                summary: summary(false),
                new_areas: Vec::new(),
                missing_gemeenten: Vec::new(),
            });
        }
        let codes: Vec<&str> = data.areas.iter().map(|a| a.code.as_str()).collect();
        let known = known_codes(&mut tx, org, &codes).await?;
        let new: Vec<Area> = data
            .areas
            .iter()
            .filter(|a| !known.contains(a.code.as_str()))
            .cloned()
            .collect();
        insert_areas(&mut tx, org, &new, "(organisation_id, code) DO NOTHING").await?;
        upsert_indicators(&mut tx, org, &data.indicators).await?;
        upsert_observations(&mut tx, org, &data.observations).await?;

        let gemeenten: BTreeSet<String> = data
            .areas
            .iter()
            .map(|a| a.code.gemeente().as_str().to_string())
            .collect();
        let gemeenten: Vec<&str> = gemeenten.iter().map(String::as_str).collect();
        let have = known_codes(&mut tx, org, &gemeenten).await?;
        let missing_gemeenten = gemeenten
            .iter()
            .filter(|g| !have.contains(**g))
            .map(|g| g.to_string())
            .collect();

        crate::imports::record_import(
            &mut tx,
            org,
            (kind, file_name, &sha),
            data.areas.len(),
            data.observations.len(),
        )
        .await?;
        tx.commit().await?;
        Ok(LeefbaarometerImport {
            summary: summary(true),
            new_areas: new
                .into_iter()
                .map(|a| (a.code.as_str().to_string(), a.name))
                .collect(),
            missing_gemeenten,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(new: usize, missing: &[&str]) -> LeefbaarometerImport {
        LeefbaarometerImport {
            summary: ImportSummary {
                applied: true,
                areas: 14,
                observations: 84,
            },
            new_areas: (1..=new)
                .map(|k| (format!("WK0362{k:02}"), format!("Wijk {k}")))
                .collect(),
            missing_gemeenten: missing.iter().map(|g| g.to_string()).collect(),
        }
    }

    #[test]
    fn notes_name_the_new_areas_and_the_missing_gemeenten() {
        assert!(import(0, &[]).notes().is_empty());
        assert_eq!(
            import(1, &["GM0362"]).notes(),
            [
                "1 gebied was nog niet bekend en is toegevoegd: WK036201 Wijk 1.",
                "Gemeente GM0362 is nog niet bekend: importeer haar CBS-kerncijfers om haar \
                 wijken en buurten op de wijkmonitor te zien."
            ]
        );
        let many = import(7, &["GM0362", "GM0363"]).notes();
        assert_eq!(
            many[0],
            "7 gebieden waren nog niet bekend en zijn toegevoegd: WK036201 Wijk 1, \
             WK036202 Wijk 2, WK036203 Wijk 3, WK036204 Wijk 4, WK036205 Wijk 5 en nog 2."
        );
        assert!(many[1].starts_with("De gemeenten GM0362, GM0363 zijn nog niet bekend"));
    }
}
