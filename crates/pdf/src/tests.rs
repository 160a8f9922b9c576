use super::*;

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><rect x="0" y="0" width="60" height="40" fill="#154273"/><text x="65" y="25" font-size="12">€ 1.234</text></svg>"##;

/// The number the page tree gives as its count (krilla writes it plainly).
fn pages_in(pdf: &[u8]) -> Vec<usize> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Count ")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

#[test]
fn renders_a_pdf_with_the_expected_pages() {
    let markup = "#set page(paper: \"a4\")\n= Eerste\nTekst met € en ë.\n#pagebreak()\n= Tweede\n#image(\"grafiek.svg\", width: 8cm)\n#pagebreak()\nDerde";
    let files = [("grafiek.svg", SVG.as_bytes().to_vec())];
    let pdf = render(markup, &files).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "{:?}", &pdf[..8]);
    let pages = page_texts(markup, &files).unwrap();
    assert_eq!(pages.len(), 3);
    assert!(pages[0].contains("Tekst met € en ë."), "{pages:?}");
    assert!(pages[2].contains("Derde"), "{pages:?}");
    assert!(
        pages_in(&pdf).contains(&3),
        "page tree count: {:?}",
        pages_in(&pdf)
    );
    let one = render("Eén pagina.", &[]).unwrap();
    assert!(pages_in(&one).contains(&1));
}

#[test]
fn an_error_in_the_markup_names_its_place() {
    let err = render("= Kop\n\nTekst #onbekend[x]\n", &[]).unwrap_err();
    let PdfError::Markup(problems) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].line, problems[0].column), (Some(3), Some(8)));
    assert_eq!(problems[0].file.as_deref(), Some("/main.typ"));
    assert!(
        problems[0].message.contains("onbekend"),
        "{}",
        problems[0].message
    );
    let text = err.to_string();
    assert!(
        text.starts_with("de opmaak van de PDF bevat fouten: /main.typ, regel 3, kolom 8: "),
        "{text}"
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_read_from_disk() {
    let err = render("#image(\"/etc/hostname\")", &[]).unwrap_err();
    assert!(err.to_string().contains("/etc/hostname"), "{err}");
    let err = render("#image(\"grafiek.svg\")", &[]).unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
}

#[test]
fn packages_are_not_downloaded() {
    let err = render("#import \"@preview/cetz:0.3.4\": canvas\nx", &[]).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("@preview/cetz:0.3.4") && text.contains("geen netwerk"),
        "{text}"
    );
}

#[test]
fn a_bad_file_name_is_refused() {
    let err = render("x", &[("../buiten.svg", Vec::new())]).unwrap_err();
    assert_eq!(err, PdfError::FileName("../buiten.svg".into()));
    assert!(matches!(
        render("x", &[("main.typ", Vec::new())]),
        Err(PdfError::FileName(_))
    ));
}

#[test]
fn only_embedded_fonts_are_known() {
    let book = &fonts().1;
    let families: Vec<&str> = book.families().map(|(name, _)| name).collect();
    assert!(families.contains(&"Libertinus Serif"), "{families:?}");
    assert!(families.len() < 10, "{families:?}");
}
