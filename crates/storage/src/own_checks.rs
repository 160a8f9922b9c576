//! What storing an organisation's own data would run into, found before
//! anything is written: buurten the organisation has not imported,
//! complexes neither in the file nor stored, own indicator codes taken by
//! another source.

use std::collections::{BTreeSet, HashSet};

use sqlx::{AnyConnection, FromRow};
use wikken_data::ImportIssue;
use wikken_data::own::{OWN_SOURCE, OwnData, OwnSheet, Subject};

use crate::{OrganisationId, StorageError, Store};

/// Codes per `IN (...)` query, well under both databases' parameter limits.
const CODES_PER_QUERY: usize = 500;

/// An indicator of another source, read by name.
#[derive(FromRow)]
struct TakenCode {
    code: String,
    source: String,
}

impl Store {
    /// The problems importing `data` for `org` would meet, each naming its
    /// row where the data knows it; reads only. `pending` are complexnummers
    /// that another file of the same upload, imported before this one,
    /// will store.
    pub async fn own_data_problems(
        &self,
        org: &OrganisationId,
        data: &OwnData,
        pending: &[String],
    ) -> Result<Vec<ImportIssue>, StorageError> {
        let mut conn = self.pool.acquire().await?;
        own_problems(&mut conn, org, data, pending).await
    }
}

/// [`Store::own_data_problems`] on a connection (the import's transaction).
pub(crate) async fn own_problems(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    data: &OwnData,
    pending: &[String],
) -> Result<Vec<ImportIssue>, StorageError> {
    let mut problems = Vec::new();

    let buurten: BTreeSet<&str> = data
        .complexes
        .iter()
        .map(|c| c.buurt.as_str())
        .chain(data.values.iter().filter_map(|v| match &v.subject {
            Subject::Area(a) => Some(a.as_str()),
            Subject::Complex(_) => None,
        }))
        .collect();
    let known_buurten = existing(conn, "SELECT code FROM areas", org, &buurten).await?;
    let unknown_buurt = |code: &str| {
        format!(
            "buurtcode {code} is niet bekend: importeer eerst de CBS-gegevens van deze gemeente"
        )
    };
    for (i, c) in data.complexes.iter().enumerate() {
        if !known_buurten.contains(c.buurt.as_str()) {
            problems.push(ImportIssue {
                line: data.complex_row(i),
                column: Some(OwnSheet::Complexen.column("buurtcode")),
                message: unknown_buurt(c.buurt.as_str()),
            });
        }
    }

    let in_file: HashSet<&str> = data
        .complexes
        .iter()
        .map(|c| c.code.as_str())
        .chain(pending.iter().map(String::as_str))
        .collect();
    let elsewhere: BTreeSet<&str> = data
        .values
        .iter()
        .filter_map(|v| match &v.subject {
            Subject::Complex(c) if !in_file.contains(c.as_str()) => Some(c.as_str()),
            _ => None,
        })
        .collect();
    let stored = existing(conn, "SELECT code FROM complexes", org, &elsewhere).await?;
    // One problem per row and subject, though a row holds several values.
    let mut named: HashSet<(Option<usize>, &Subject)> = HashSet::new();
    for (i, v) in data.values.iter().enumerate() {
        let (column, message) = match &v.subject {
            Subject::Area(a) if !known_buurten.contains(a.as_str()) => {
                ("buurtcode", unknown_buurt(a.as_str()))
            }
            Subject::Complex(c)
                if !in_file.contains(c.as_str()) && !stored.contains(c.as_str()) =>
            {
                (
                    "complexnummer",
                    format!(
                        "complex {c} staat niet op het blad complexen en is ook niet eerder geïmporteerd"
                    ),
                )
            }
            _ => continue,
        };
        if named.insert((data.value_row(i), &v.subject)) {
            problems.push(ImportIssue {
                line: data.value_row(i),
                column: Some(OwnSheet::Kengetallen.column(column)),
                message,
            });
        }
    }

    let codes: BTreeSet<&str> = data.indicators.iter().map(|d| d.code.as_str()).collect();
    for chunk in codes
        .iter()
        .copied()
        .collect::<Vec<_>>()
        .chunks(CODES_PER_QUERY)
    {
        let sql = format!(
            "SELECT code, source FROM indicators WHERE organisation_id = $1 AND source <> $2 AND code IN ({})",
            placeholders(3, chunk.len())
        );
        let mut q = sqlx::query_as::<_, TakenCode>(&sql)
            .bind(&org.0)
            .bind(OWN_SOURCE);
        for code in chunk {
            q = q.bind(*code);
        }
        for TakenCode { code, source } in q.fetch_all(&mut *conn).await? {
            problems.push(ImportIssue {
                line: None,
                column: None,
                message: format!(
                    "indicator {code} bestaat al met bron \"{source}\": kies voor uw eigen indicator een andere code"
                ),
            });
        }
    }
    Ok(problems)
}

/// Which of `codes` the query `select` (one code column, from a table with
/// an organisation_id) finds for `org`.
async fn existing(
    conn: &mut AnyConnection,
    select: &str,
    org: &OrganisationId,
    codes: &BTreeSet<&str>,
) -> Result<HashSet<String>, StorageError> {
    let mut found = HashSet::new();
    for chunk in codes
        .iter()
        .copied()
        .collect::<Vec<_>>()
        .chunks(CODES_PER_QUERY)
    {
        let sql = format!(
            "{select} WHERE organisation_id = $1 AND code IN ({})",
            placeholders(2, chunk.len())
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql).bind(&org.0);
        for code in chunk {
            q = q.bind(*code);
        }
        found.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(found)
}

/// `$first, $first+1, ...`: `count` numbered placeholders.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
