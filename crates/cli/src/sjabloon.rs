//! `wikken sjabloon`: the own-data template, as an XLSX workbook or as one
//! CSV file per sheet in a directory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use wikken_data::own::{OwnSheet, template_csv, template_xlsx};

/// Writes the template to `path`: a workbook when it ends in `.xlsx`; the
/// CSV files complexen.csv, kengetallen.csv and definities.csv when it is
/// a directory or ends in `/` (created when missing). Existing files are
/// only replaced with `force`.
pub fn run(path: &str, force: bool) -> ExitCode {
    let target = Path::new(path);
    let files: Vec<(PathBuf, Vec<u8>)> = if path.to_ascii_lowercase().ends_with(".xlsx") {
        vec![(target.to_path_buf(), template_xlsx())]
    } else if target.is_dir() || path.ends_with('/') || path.ends_with(std::path::MAIN_SEPARATOR) {
        if let Err(e) = std::fs::create_dir_all(target) {
            eprintln!("{path}: kan de map niet maken: {e}");
            return ExitCode::FAILURE;
        }
        OwnSheet::ALL
            .iter()
            .map(|s| {
                (
                    target.join(format!("{}.csv", s.name())),
                    template_csv(*s).into_bytes(),
                )
            })
            .collect()
    } else {
        eprintln!(
            "{path}: geef een bestandsnaam op die eindigt op .xlsx (werkboek) \
             of een map (CSV-bestanden), bijvoorbeeld eigen-gegevens.xlsx of sjabloon/"
        );
        return ExitCode::from(2);
    };
    if !force && let Some((existing, _)) = files.iter().find(|(f, _)| f.exists()) {
        eprintln!(
            "{}: bestaat al; kies een andere naam of geef --force om te overschrijven",
            existing.display()
        );
        return ExitCode::from(2);
    }
    for (file, bytes) in &files {
        if let Err(e) = std::fs::write(file, bytes) {
            eprintln!("{}: kan niet schrijven: {e}", file.display());
            return ExitCode::FAILURE;
        }
        println!("{} geschreven", file.display());
    }
    println!(
        "Uitleg bij het sjabloon: docs/eigen-gegevens.md (en het blad toelichting in het werkboek)."
    );
    ExitCode::SUCCESS
}
