//! A list of problems that keeps at most [`MAX_PROBLEMS`] and counts the
//! rest, so that a file with a mistake in every cell cannot make a list
//! many times its own size.

use crate::caps::MAX_PROBLEMS;
use crate::kwb::ImportIssue;

/// ImportIssues found in one file, the first [`MAX_PROBLEMS`] kept.
#[derive(Debug, Default)]
pub(crate) struct ImportIssues {
    kept: Vec<ImportIssue>,
    dropped: usize,
}

impl ImportIssues {
    /// Adds a problem (counted only, once the list is full).
    pub(crate) fn push(&mut self, problem: ImportIssue) {
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(problem);
        } else {
            self.dropped += 1;
        }
    }

    /// How many problems were found, kept or not.
    pub(crate) fn len(&self) -> usize {
        self.kept.len() + self.dropped
    }

    /// Whether none was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The problems kept, and when some were not, one more saying how many.
    pub(crate) fn into_vec(mut self) -> Vec<ImportIssue> {
        if self.dropped > 0 {
            self.kept.push(ImportIssue {
                line: None,
                column: None,
                message: format!(
                    "en nog {} problemen; Wikken noemt er hoogstens {MAX_PROBLEMS} per bestand",
                    self.dropped
                ),
            });
        }
        self.kept
    }

    /// `Ok(value)` when nothing was found, else every problem kept.
    pub(crate) fn or_ok<T>(self, value: T) -> Result<T, Vec<ImportIssue>> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.into_vec())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(i: usize) -> ImportIssue {
        ImportIssue {
            line: Some(i),
            column: None,
            message: "fout".into(),
        }
    }

    #[test]
    fn keeps_the_first_and_counts_the_rest() {
        let mut p = ImportIssues::default();
        for i in 0..MAX_PROBLEMS + 5 {
            p.push(problem(i));
        }
        assert_eq!(p.len(), MAX_PROBLEMS + 5);
        let list = p.into_vec();
        assert_eq!(list.len(), MAX_PROBLEMS + 1);
        assert_eq!(list[0].line, Some(0));
        assert!(list[MAX_PROBLEMS].message.starts_with("en nog 5 problemen"));
    }

    #[test]
    fn a_short_list_is_kept_whole() {
        let mut p = ImportIssues::default();
        p.push(problem(1));
        assert_eq!(p.or_ok(()).unwrap_err().len(), 1);
        assert_eq!(ImportIssues::default().or_ok(7), Ok(7));
    }
}
