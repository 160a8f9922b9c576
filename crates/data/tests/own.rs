//! Own data (complexen, kengetallen, definities) from CSV and XLSX.

use wikken_data::own::{
    OWN_CATALOGUE, OwnFileKind, OwnSheet, Subject, file_kind, own_indicator, parse_own,
    parse_own_with, template_csv, template_xlsx,
};
use wikken_data::{AreaCode, CATALOGUE, ImportIssue};

fn messages(problems: &[ImportIssue]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

#[test]
fn the_xlsx_template_reads_back_as_its_examples() {
    let bytes = template_xlsx();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert_eq!(
        file_kind("sjabloon.xlsx", &bytes),
        Some(OwnFileKind::Workbook)
    );
    let data = parse_own("sjabloon.xlsx", &bytes).unwrap();
    assert_eq!(data.complexes.len(), 2);
    let c = &data.complexes[0];
    assert_eq!(
        (c.code.as_str(), c.buurt.as_str(), c.dwellings),
        ("1001", "BU08551602", 124)
    );
    assert_eq!(
        (c.build_year, c.energy_label.as_deref(), c.average_rent),
        (Some(1968), Some("C"), Some(612.5))
    );
    assert_eq!(data.rows.complexes, vec![2, 3]);
    // two declared indicators, then the catalogue's, all used by columns
    let codes: Vec<&str> = data.indicators.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        &codes[..2],
        &["reparatieverzoeken", "tevredenheid_onderhoud"]
    );
    assert_eq!(codes.len(), 2 + OWN_CATALOGUE.len());
    let complex_values: Vec<(&str, f64)> = data
        .values
        .iter()
        .filter(|v| v.subject == Subject::Complex("1001".into()))
        .map(|v| (v.indicator.as_str(), v.value))
        .collect();
    assert!(complex_values.contains(&("tevredenheid_onderhoud", 6.9)));
    assert!(complex_values.contains(&("overlastmeldingen", 7.5)));
    assert!(
        !complex_values.iter().any(|(i, _)| *i == "huurachterstand"),
        "empty cell = no value"
    );
    assert_eq!(data.values.len(), data.rows.values.len());
}

#[test]
fn the_csv_templates_read_back_like_the_workbook() {
    let xlsx = parse_own("sjabloon.xlsx", &template_xlsx()).unwrap();
    let definitions = parse_own(
        "definities.csv",
        template_csv(OwnSheet::Definities).as_bytes(),
    )
    .unwrap();
    assert_eq!(definitions.indicators.len(), 2);
    let complexes = parse_own(
        "complexen.csv",
        template_csv(OwnSheet::Complexen).as_bytes(),
    )
    .unwrap();
    assert_eq!(complexes.complexes, xlsx.complexes);
    let figures = template_csv(OwnSheet::Kengetallen);
    assert_eq!(
        file_kind("x.csv", figures.as_bytes()),
        Some(OwnFileKind::Csv(OwnSheet::Kengetallen))
    );
    // the declared columns need the definitions
    let alone = parse_own("kengetallen.csv", figures.as_bytes()).unwrap_err();
    assert_eq!(alone.len(), 2, "{alone:?}");
    assert!(alone[0].to_string().starts_with(
        "regel 1, kolom reparatieverzoeken (blad kengetallen): \"reparatieverzoeken\" is geen bekende indicator"
    ));
    let with = parse_own_with(
        "kengetallen.csv",
        figures.as_bytes(),
        &definitions.indicators,
    )
    .unwrap();
    assert_eq!(with.values, xlsx.values);
}

#[test]
fn dutch_and_english_csv_notation() {
    let semicolon = "\u{feff}Complexnummer;Naam;Buurtcode;Aantal woningen;Bouwjaar;Energielabel;Gemiddelde huur\n\
        A-12;De Hoven;bu08551602;10;1970;a+;€ 612,50\n\
        A-13;Het Hof;BU08551602;20;;;\n";
    let d = parse_own("c.csv", semicolon.as_bytes()).unwrap();
    assert_eq!(d.complexes[0].average_rent, Some(612.5));
    assert_eq!(d.complexes[0].energy_label.as_deref(), Some("A+"));
    assert_eq!(d.complexes[0].buurt, AreaCode::parse("BU08551602").unwrap());
    assert_eq!(
        (d.complexes[1].build_year, d.complexes[1].average_rent),
        (None, None)
    );
    let comma = "complexnummer,naam,buurtcode,aantal_woningen,gemiddelde_huur\nA-12,De Hoven,BU08551602,10,612.5\nA-14,X,BU08551602,3,\"612,50\"\n";
    let e = parse_own("c.csv", comma.as_bytes()).unwrap();
    assert_eq!(e.complexes[0].average_rent, Some(612.5));
    assert_eq!(e.complexes[1].average_rent, Some(612.5));

    let figures = "buurtcode;complexnummer;jaar;mutatiegraad;bewonersoordeel\nBU08551602;;2024;8,5;7\n;A-12;2024;;6,5\n";
    let f = parse_own("k.csv", figures.as_bytes()).unwrap();
    assert_eq!(f.values.len(), 3);
    assert_eq!(
        f.values[0].subject,
        Subject::Area(AreaCode::parse("BU08551602").unwrap())
    );
    assert_eq!(
        (f.values[0].indicator.as_str(), f.values[0].value),
        ("mutatiegraad", 8.5)
    );
    assert_eq!(f.rows.values, vec![2, 2, 3]);
    let used: Vec<&str> = f.indicators.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(used, vec!["mutatiegraad", "bewonersoordeel"]);
}

#[test]
fn every_bad_cell_of_the_complexes_is_named() {
    let text = "complexnummer;naam;buurtcode;aantal_woningen;bouwjaar;energielabel;gemiddelde_huur\n\
        1001;A;BU08551602;10;19x0;C;600\n\
        1002;B;WK085516;0;1750;H;-5\n\
        1001;C;XX;-3;1990;B;€ abc\n\
        1003;;BU08551602;;;;\n";
    let p = messages(&parse_own("complexen.csv", text.as_bytes()).unwrap_err());
    let want = [
        "regel 2, kolom bouwjaar (blad complexen): geen geheel getal: \"19x0\"",
        "regel 3, kolom buurtcode (blad complexen): WK085516 is een wijkcode; hier hoort een buurtcode (BU gevolgd door 8 tekens)",
        "regel 3, kolom aantal_woningen (blad complexen): 0: een complex heeft minstens 1 woning",
        "regel 3, kolom bouwjaar (blad complexen): 1750 valt buiten 1800 tot en met",
        "regel 3, kolom energielabel (blad complexen): \"H\" is geen energielabel",
        "regel 3, kolom gemiddelde_huur (blad complexen): \"-5\": de gemiddelde huur",
        "regel 4, kolom complexnummer (blad complexen): complexnummer 1001 staat al op regel 2",
        "regel 4, kolom buurtcode (blad complexen): \"XX\" is geen buurtcode",
        "regel 4, kolom aantal_woningen (blad complexen): -3: een complex heeft minstens 1 woning",
        "regel 4, kolom gemiddelde_huur (blad complexen): geen bedrag: \"€ abc\"",
        "regel 5, kolom naam (blad complexen): leeg; vul een waarde in",
        "regel 5, kolom aantal_woningen (blad complexen): leeg; vul een waarde in",
    ];
    assert_eq!(p.len(), want.len(), "{p:#?}");
    for (got, want) in p.iter().zip(want) {
        assert!(
            got.starts_with(want),
            "{got}\n  does not start with\n{want}"
        );
    }
}

#[test]
fn header_problems() {
    let missing = parse_own(
        "c.csv",
        b"complexnummer,naam,bouwjaar,kleur\n1,A,1990,rood\n",
    )
    .unwrap_err();
    assert_eq!(
        messages(&missing),
        vec![
            "regel 1, kolom kleur (blad complexen): onbekende kolom; blad complexen kent: complexnummer, naam, buurtcode, aantal_woningen, bouwjaar, energielabel, gemiddelde_huur",
            "regel 1, kolom buurtcode (blad complexen): verplichte kolom ontbreekt",
            "regel 1, kolom aantal_woningen (blad complexen): verplichte kolom ontbreekt",
        ]
    );
    let beyond = parse_own(
        "c.csv",
        b"complexnummer;naam;buurtcode;aantal_woningen\n1;A;BU08551602;3;;\n2;B;BU08551602;4;;x\n",
    )
    .unwrap_err();
    assert_eq!(
        messages(&beyond),
        vec!["regel 3, kolom F (blad complexen): deze kolom heeft geen naam in de kopregel"]
    );
    let unknown = parse_own("x.csv", b"a,b\n1,2\n").unwrap_err();
    assert!(
        unknown[0]
            .to_string()
            .starts_with("regel 1: kopregel niet herkend")
    );
    let no_subject = parse_own("k.csv", b"jaar,mutatiegraad\n2024,3\n").unwrap_err();
    assert_eq!(
        messages(&no_subject),
        vec![
            "regel 1, kolom buurtcode (blad kengetallen): kolom buurtcode of complexnummer ontbreekt"
        ]
    );
    let latin1 = parse_own(
        "c.csv",
        b"complexnummer;naam;buurtcode;aantal_woningen\n1;Caf\xe9;BU08551602;3\n",
    )
    .unwrap_err();
    assert!(latin1[0].message.contains("geen UTF-8"), "{latin1:?}");
    let not_a_book = parse_own("c.xlsx", b"PK\x03\x04 rubbish").unwrap_err();
    assert!(
        not_a_book[0].message.contains("niet te lezen"),
        "{not_a_book:?}"
    );
}

#[test]
fn every_bad_figure_is_named() {
    let text = "buurtcode,complexnummer,jaar,mutatiegraad,bewonersoordeel,overlastmeldingen\n\
        BU08551602,,2024,120,7,1\n\
        BU08551602,1001,2024,5,7,1\n\
        ,,2024,5,7,1\n\
        BU08551602,,2024,5,11,-2\n\
        ,1001,20x4,5,,\n\
        ,1001,2024,5,abc,\n";
    let p = messages(&parse_own("kengetallen.csv", text.as_bytes()).unwrap_err());
    assert_eq!(
        p,
        vec![
            "regel 2, kolom mutatiegraad (blad kengetallen): \"120\" valt buiten 0 tot en met 100 (%)",
            "regel 3, kolom buurtcode (blad kengetallen): vul buurtcode óf complexnummer in, niet allebei",
            "regel 4, kolom buurtcode (blad kengetallen): leeg; vul buurtcode of complexnummer in",
            "regel 5, kolom buurtcode (blad kengetallen): BU08551602 (2024) staat al op regel 2",
            "regel 6, kolom jaar (blad kengetallen): geen geheel getal: \"20x4\"",
            "regel 7, kolom bewonersoordeel (blad kengetallen): geen getal: \"abc\"",
        ]
    );
    let ranges = "buurtcode,jaar,bewonersoordeel,overlastmeldingen\nBU08551602,2024,11,-2\n";
    assert_eq!(
        messages(&parse_own("k.csv", ranges.as_bytes()).unwrap_err()),
        vec![
            "regel 2, kolom bewonersoordeel (blad kengetallen): \"11\" valt buiten 1 tot en met 10 (rapportcijfer 1-10)",
            "regel 2, kolom overlastmeldingen (blad kengetallen): \"-2\" is negatief; Overlastmeldingen per 100 woningen kan niet negatief zijn",
        ]
    );
}

#[test]
fn definitions_are_checked() {
    let text = "code;naam;eenheid;richting\n\
        reparaties;Reparaties;aantal;lager_beter\n\
        Reparaties;Dubbel;aantal;neutraal\n\
        mutatiegraad;M;%;lager_beter\n\
        inwoners;I;aantal;neutraal\n\
        lbm_soc;S;afwijking;hoger_beter\n\
        9x;X;;beter\n";
    let p = messages(&parse_own("definities.csv", text.as_bytes()).unwrap_err());
    assert_eq!(
        p,
        vec![
            "regel 3, kolom code (blad definities): reparaties staat al op regel 2",
            "regel 4, kolom code (blad definities): mutatiegraad staat al in de catalogus van Wikken; beschrijf haar niet opnieuw",
            "regel 5, kolom code (blad definities): inwoners is een CBS-indicator; kies een andere code",
            "regel 6, kolom code (blad definities): lbm_soc is een indicator van de Leefbaarometer; kies een andere code",
            "regel 7, kolom code (blad definities): \"9x\" is geen geldige code: begin met een letter en gebruik kleine letters, cijfers en _ (hoogstens 40 tekens)",
            "regel 7, kolom eenheid (blad definities): leeg; vul een waarde in",
            "regel 7, kolom richting (blad definities): \"beter\": kies hoger_beter, lager_beter of neutraal",
        ]
    );
    // a declared "aantal" cannot be negative either
    let known = parse_own(
        "d.csv",
        b"code;naam;eenheid;richting\nreparaties;Reparaties;aantal;lager_beter\n",
    )
    .unwrap();
    let bad = parse_own_with(
        "k.csv",
        b"complexnummer;jaar;reparaties\n7;2024;-1\n",
        &known.indicators,
    )
    .unwrap_err();
    assert!(
        bad[0]
            .to_string()
            .starts_with("regel 2, kolom reparaties (blad kengetallen): \"-1\" is negatief")
    );
}

#[test]
fn own_codes_never_collide_with_cbs_codes() {
    for (code, ..) in OWN_CATALOGUE {
        assert!(!CATALOGUE.iter().any(|d| d.code == *code), "{code}");
        assert_eq!(own_indicator(code).unwrap().code, *code);
    }
}

/// docs/eigen-gegevens.md names every sheet, column and catalogue code.
#[test]
fn the_documentation_covers_the_template() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/eigen-gegevens.md"
    ))
    .unwrap();
    let columns = wikken_data::own::COMPLEX_COLUMNS
        .iter()
        .chain(wikken_data::own::FIGURE_KEY_COLUMNS)
        .chain(wikken_data::own::DEFINITION_COLUMNS);
    for name in columns
        .map(|c| c.name)
        .chain(OWN_CATALOGUE.iter().map(|c| c.0))
    {
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/eigen-gegevens.md does not name `{name}`"
        );
    }
    for sheet in OwnSheet::ALL
        .map(OwnSheet::name)
        .into_iter()
        .chain(["toelichting"])
    {
        assert!(doc.contains(sheet), "{sheet}");
    }
}

/// A workbook as a user makes it: sheet names in other case, numbers as
/// numbers, a blank row, an extra sheet, a column without a name.
#[test]
fn a_users_workbook_reads_with_excel_row_numbers() {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Complexen").unwrap();
    for (c, h) in [
        "Complexnummer",
        "Naam",
        "Buurtcode",
        "Aantal woningen",
        "Gemiddelde huur",
        "Energielabel",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 1001).unwrap();
    ws.write_string(1, 1, "Flat").unwrap();
    ws.write_string(1, 2, "BU08551602").unwrap();
    ws.write_number(1, 3, 40).unwrap();
    ws.write_number(1, 4, 612.5).unwrap();
    ws.write_string(1, 5, "b").unwrap();
    // row 3 blank; row 4 holds a bad count and a value in a nameless column
    ws.write_number(3, 0, 1002).unwrap();
    ws.write_string(3, 1, "Hof").unwrap();
    ws.write_string(3, 2, "BU08551602").unwrap();
    ws.write_number(3, 3, 2.5).unwrap();
    ws.write_string(3, 7, "opmerking").unwrap();
    let ws = book.add_worksheet();
    ws.set_name("KENGETALLEN").unwrap();
    for (c, h) in ["complexnummer", "jaar", "mutatiegraad"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 1001).unwrap();
    ws.write_number(1, 1, 2024).unwrap();
    ws.write_number(1, 2, 7.25).unwrap();
    book.add_worksheet().set_name("Toelichting").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let p = messages(&parse_own("eigen.xlsx", &bytes).unwrap_err());
    assert_eq!(
        p,
        vec![
            "regel 4, kolom H (blad complexen): deze kolom heeft geen naam in de kopregel",
            "regel 4, kolom aantal_woningen (blad complexen): geen geheel getal: \"2,5\"",
        ]
    );

    let mut fixed = Workbook::new();
    let ws = fixed.add_worksheet();
    ws.set_name("complexen").unwrap();
    for (c, h) in [
        "complexnummer",
        "naam",
        "buurtcode",
        "aantal_woningen",
        "gemiddelde_huur",
        "energielabel",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16 + 1, *h).unwrap();
    }
    ws.write_number(4, 1, 1001).unwrap();
    ws.write_string(4, 2, "Flat").unwrap();
    ws.write_string(4, 3, "BU08551602").unwrap();
    ws.write_number(4, 4, -40).unwrap();
    let p = messages(&parse_own("eigen.xlsx", &fixed.save_to_buffer().unwrap()).unwrap_err());
    assert_eq!(
        p,
        vec![
            "regel 5, kolom aantal_woningen (blad complexen): -40: een complex heeft minstens 1 woning"
        ],
        "the header may start lower and further right"
    );
    let ws = fixed.worksheet_from_index(0).unwrap();
    ws.write_number(4, 4, 40).unwrap();
    ws.write_number(4, 5, 612.5).unwrap();
    ws.write_string(4, 6, "b").unwrap();
    let data = parse_own("eigen.xlsx", &fixed.save_to_buffer().unwrap()).unwrap();
    let c = &data.complexes[0];
    assert_eq!(
        (c.code.as_str(), c.dwellings, c.average_rent),
        ("1001", 40, Some(612.5))
    );
    assert_eq!(c.energy_label.as_deref(), Some("B"));
    assert_eq!(data.rows.complexes, vec![5]);
}
