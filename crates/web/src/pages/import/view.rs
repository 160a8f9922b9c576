//! The import page as data: what the last upload did (every file's
//! problems, or what it stored and what was noted), the upload form for
//! those who may import, and the earlier imports. Built without I/O.

use wikken_storage::{ImportKind, ImportRow, ImportSummary};

/// Most problems shown per file.
const MAX_ERRORS: usize = 200;
/// Most notes shown per file.
const MAX_NOTES: usize = 100;

/// The outcome of one uploaded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The file's name.
    pub file: String,
    /// Why it was not stored (Dutch); empty when it was or could be.
    pub errors: Vec<String>,
    /// What was repaired or left out while reading it.
    pub notes: Vec<String>,
    /// What storing it did; `None` when it was not stored.
    pub summary: Option<ImportSummary>,
}

impl Outcome {
    /// A file that was stored.
    pub fn stored(file: String, notes: Vec<String>, summary: ImportSummary) -> Outcome {
        Outcome {
            file,
            errors: Vec::new(),
            notes,
            summary: Some(summary),
        }
    }

    /// A file that was not stored, and why (empty for a good file that
    /// was not stored because another was not good).
    pub fn refused(file: String, errors: Vec<String>, notes: Vec<String>) -> Outcome {
        Outcome {
            file,
            errors,
            notes,
            summary: None,
        }
    }
}

/// The kind of an import in Dutch: the one place the page reads a stored
/// import kind.
pub fn kind_label(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Kwb => "CBS Kerncijfers wijken en buurten",
        ImportKind::Boundaries => "Grenzen",
        ImportKind::Own => "Eigen gegevens",
        ImportKind::Demo => "Demo (fictief)",
        ImportKind::Leefbaarometer => "Leefbaarometer",
    }
}

/// A moment as "dd-mm-jjjj uu:mm (UTC)".
pub fn date(secs: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:02}-{:02}-{} {:02}:{:02} (UTC)",
        t.day(),
        u8::from(t.month()),
        t.year(),
        t.hour(),
        t.minute()
    )
}

/// The problems of one file that was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileErrors {
    /// The file's name.
    pub file: String,
    /// Its first problems.
    pub errors: Vec<String>,
    /// How many more there are, if any.
    pub more: Option<usize>,
}

/// The notes on one stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNotes {
    /// The file's name.
    pub file: String,
    /// Its first notes.
    pub notes: Vec<String>,
}

/// What the upload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadResult {
    /// Some file was not stored.
    Failed {
        /// The files that were stored, named in one line; `None` when
        /// nothing was.
        stored: Option<String>,
        /// Each file that was not stored, with its problems.
        files: Vec<FileErrors>,
    },
    /// Every file was stored (or was there already).
    Done {
        /// "buurten.csv: 12 gebieden of objecten, 240 waarden opgeslagen."
        lines: Vec<String>,
        /// The notes, per file that has any.
        notes: Vec<FileNotes>,
    },
}

/// The upload form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadForm {
    /// The CSRF token of the form.
    pub csrf: String,
    /// "(hoogstens 20, elk tot 48 MB)".
    pub limits: String,
}

/// An earlier import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    /// Its page.
    pub href: String,
    /// When it was imported.
    pub when: String,
    /// What kind of data it held.
    pub kind: String,
    /// The file's name.
    pub file: String,
    /// Areas or objects it held.
    pub areas: i64,
    /// Values it held.
    pub observations: i64,
}

/// The import page, decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportView {
    /// What the upload did; `None` before any upload.
    pub result: Option<UploadResult>,
    /// The form, for a user who may import.
    pub form: Option<UploadForm>,
    /// The earlier imports, newest first.
    pub history: Vec<HistoryRow>,
}

impl ImportView {
    /// Whether some file was not stored (the page answers 422).
    pub fn failed(&self) -> bool {
        matches!(self.result, Some(UploadResult::Failed { .. }))
    }
}

/// What the page shows of the outcomes.
fn result(outcomes: &[Outcome]) -> Option<UploadResult> {
    if outcomes.is_empty() {
        return None;
    }
    if outcomes.iter().any(|o| !o.errors.is_empty()) {
        let stored: Vec<&str> = outcomes
            .iter()
            .filter(|o| o.summary.is_some())
            .map(|o| o.file.as_str())
            .collect();
        return Some(UploadResult::Failed {
            stored: (!stored.is_empty()).then(|| stored.join(", ")),
            files: outcomes
                .iter()
                .filter(|o| !o.errors.is_empty())
                .map(|o| FileErrors {
                    file: o.file.clone(),
                    errors: o.errors.iter().take(MAX_ERRORS).cloned().collect(),
                    more: (o.errors.len() > MAX_ERRORS).then(|| o.errors.len() - MAX_ERRORS),
                })
                .collect(),
        });
    }
    Some(UploadResult::Done {
        lines: outcomes
            .iter()
            .filter_map(|o| {
                let s = o.summary.as_ref()?;
                Some(if s.applied {
                    format!(
                        "{}: {} gebieden of objecten, {} waarden opgeslagen.",
                        o.file, s.areas, s.observations
                    )
                } else {
                    format!(
                        "{}: dit bestand was al eerder geïmporteerd; er is niets veranderd.",
                        o.file
                    )
                })
            })
            .collect(),
        notes: outcomes
            .iter()
            .filter(|o| !o.notes.is_empty())
            .map(|o| FileNotes {
                file: o.file.clone(),
                notes: o.notes.iter().take(MAX_NOTES).cloned().collect(),
            })
            .collect(),
    })
}

/// Builds the page: `csrf` is the form's token when the user may import,
/// `limits` the form's hint on how many and how large files may be.
pub fn build(
    outcomes: &[Outcome],
    history: &[ImportRow],
    csrf: Option<&str>,
    limits: String,
) -> ImportView {
    ImportView {
        result: result(outcomes),
        form: csrf.map(|csrf| UploadForm {
            csrf: csrf.to_string(),
            limits,
        }),
        history: history
            .iter()
            .map(|i| HistoryRow {
                href: format!("/import/{}", i.id),
                when: date(i.created_at),
                kind: kind_label(i.kind).to_string(),
                file: i.file_name.clone(),
                areas: i.areas,
                observations: i.observations,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(applied: bool, areas: usize, observations: usize) -> ImportSummary {
        ImportSummary {
            applied,
            areas,
            observations,
        }
    }

    fn errors(n: usize) -> Vec<String> {
        (1..=n).map(|k| format!("regel {k}: fout")).collect()
    }

    fn import(kind: ImportKind, created_at: i64) -> ImportRow {
        ImportRow {
            id: "abc".into(),
            kind,
            file_name: "buurten.csv".into(),
            areas: 12,
            observations: 240,
            created_at,
        }
    }

    fn build_with(outcomes: &[Outcome]) -> ImportView {
        build(outcomes, &[], Some("token"), "(hoogstens 2)".into())
    }

    #[test]
    fn before_an_upload_there_is_no_result_and_only_editors_get_the_form() {
        let view = build_with(&[]);
        assert_eq!(view.result, None);
        assert!(!view.failed());
        assert_eq!(
            view.form,
            Some(UploadForm {
                csrf: "token".into(),
                limits: "(hoogstens 2)".into(),
            })
        );
        assert!(view.history.is_empty());
        let lezer = build(&[], &[], None, "(hoogstens 2)".into());
        assert_eq!(lezer.form, None);
    }

    #[test]
    fn a_refused_check_names_only_the_bad_files_and_stores_nothing() {
        let view = build_with(&[
            Outcome::refused("goed.csv".into(), vec![], vec![]),
            Outcome::refused("fout.csv".into(), errors(2), vec![]),
        ]);
        assert!(view.failed());
        assert_eq!(
            view.result,
            Some(UploadResult::Failed {
                stored: None,
                files: vec![FileErrors {
                    file: "fout.csv".into(),
                    errors: errors(2),
                    more: None,
                }],
            })
        );
    }

    #[test]
    fn past_two_hundred_problems_the_rest_is_counted() {
        let view = build_with(&[Outcome::refused("veel.csv".into(), errors(230), vec![])]);
        let Some(UploadResult::Failed { files, .. }) = view.result else {
            panic!("failed");
        };
        assert_eq!(files[0].errors.len(), 200);
        assert_eq!(files[0].errors[199], "regel 200: fout");
        assert_eq!(files[0].more, Some(30));
    }

    #[test]
    fn a_store_that_fails_halfway_names_what_was_stored() {
        let view = build_with(&[
            Outcome::stored("a.csv".into(), vec![], summary(true, 1, 2)),
            Outcome::stored("b.csv".into(), vec![], summary(false, 0, 0)),
            Outcome::refused("c.csv".into(), vec!["opslaan mislukt".into()], vec![]),
        ]);
        let Some(UploadResult::Failed { stored, files }) = view.result else {
            panic!("failed");
        };
        assert_eq!(stored.as_deref(), Some("a.csv, b.csv"));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].file, "c.csv");
    }

    #[test]
    fn a_good_upload_says_what_each_file_stored_and_its_notes() {
        let notes: Vec<String> = (0..120).map(|k| format!("object {k} hersteld")).collect();
        let view = build_with(&[
            Outcome::stored("buurten.csv".into(), vec![], summary(true, 12, 240)),
            Outcome::stored("grenzen.geojson".into(), notes, summary(true, 3, 0)),
            Outcome::stored("weer.csv".into(), vec![], summary(false, 12, 240)),
        ]);
        assert!(!view.failed());
        let Some(UploadResult::Done { lines, notes }) = view.result else {
            panic!("done");
        };
        assert_eq!(
            lines,
            [
                "buurten.csv: 12 gebieden of objecten, 240 waarden opgeslagen.",
                "grenzen.geojson: 3 gebieden of objecten, 0 waarden opgeslagen.",
                "weer.csv: dit bestand was al eerder geïmporteerd; er is niets veranderd.",
            ]
        );
        assert_eq!(notes.len(), 1, "only files with notes");
        assert_eq!(notes[0].file, "grenzen.geojson");
        assert_eq!(notes[0].notes.len(), 100);
    }

    #[test]
    fn earlier_imports_show_their_kind_in_dutch_and_their_moment() {
        let history = [
            import(ImportKind::Kwb, 1_718_454_600),
            import(ImportKind::Boundaries, 0),
            import(ImportKind::Own, 0),
            import(ImportKind::Demo, 0),
            import(ImportKind::Leefbaarometer, 0),
        ];
        let view = build(&[], &history, None, String::new());
        let kinds: Vec<&str> = view.history.iter().map(|h| h.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "CBS Kerncijfers wijken en buurten",
                "Grenzen",
                "Eigen gegevens",
                "Demo (fictief)",
                "Leefbaarometer",
            ]
        );
        assert_eq!(
            view.history[0],
            HistoryRow {
                href: "/import/abc".into(),
                when: "15-06-2024 12:30 (UTC)".into(),
                kind: "CBS Kerncijfers wijken en buurten".into(),
                file: "buurten.csv".into(),
                areas: 12,
                observations: 240,
            }
        );
        assert_eq!(view.history[1].when, "01-01-1970 00:00 (UTC)");
    }
}
