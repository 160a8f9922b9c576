//! The corporation's own data in storage, on SQLite and PostgreSQL (see
//! `common`): the template as is, tenant isolation, all-or-nothing,
//! idempotency, and a second year adding to the series.

use wikken_test_support::per_backend;

use wikken_data::own::{OwnData, OwnIndicator, OwnValue, Subject, parse_own, template_xlsx};
use wikken_data::{AreaCode, parse_kwb};
use wikken_storage::{ComplexCode, ImportKind, OrganisationId, OwnImportError, Store};

/// The buurten the template's examples stand in, and one more.
const KWB: &str = "buurtcode,buurtnaam,gemeentecode,gemeentenaam,inwoners\n\
    BU08551602,Afrikaanderbuurt Midden,GM0855,Tilburg,1975\n\
    BU08556702,Achthoeven,GM0855,Tilburg,1640\n\
    BU08550110,Binnenstad,GM0855,Tilburg,3000\n";

async fn with_buurten(store: &Store, name: &str) -> OrganisationId {
    let org = store.create_organisation(name).await.unwrap();
    let data = parse_kwb(KWB, Some(2024)).unwrap();
    store
        .import_dataset(&org, ImportKind::Kwb, "kwb.csv", KWB.as_bytes(), &data)
        .await
        .unwrap();
    org
}

fn buurt(code: &str) -> AreaCode {
    AreaCode::parse(code).unwrap()
}

fn problems(result: Result<wikken_storage::ImportSummary, OwnImportError>) -> Vec<String> {
    match result {
        Err(OwnImportError::Invalid(p)) => p.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

async fn the_template_imports_and_only_its_organisation_sees_it(url: String) {
    let bytes = template_xlsx();
    let data = parse_own("sjabloon.xlsx", &bytes).unwrap();
    let store = Store::connect(&url).await.unwrap();
    let a = with_buurten(&store, "A").await;
    let b = store.create_organisation("B").await.unwrap();
    let summary = store
        .import_own_data(&a, "sjabloon.xlsx", &bytes, &data)
        .await
        .unwrap();
    assert!(summary.applied);
    assert_eq!(
        (summary.areas, summary.observations),
        (2, data.values.len())
    );

    let complexes = store.complexes(&a).await.unwrap();
    assert_eq!(complexes.len(), 2);
    let c = store
        .complex(&a, &ComplexCode::from("1001"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c, complexes[0]);
    assert_eq!(
        (c.name.as_str(), c.buurt_code.as_str(), c.dwellings),
        ("Afrikaanderbuurt flats", "BU08551602", 124)
    );
    assert_eq!(
        (c.build_year, c.energy_label.as_deref(), c.average_rent),
        (Some(1968), Some("C"), Some(612.5))
    );
    let in_buurt = store
        .complexes_in_buurt(&a, &buurt("BU08556702"))
        .await
        .unwrap();
    assert_eq!(in_buurt.len(), 1);
    assert_eq!(in_buurt[0].code, "1002");
    assert!(
        store
            .complexes_in_buurt(&a, &buurt("BU08550110"))
            .await
            .unwrap()
            .is_empty()
    );

    let figures = store
        .complex_observations(&a, &ComplexCode::from("1001"))
        .await
        .unwrap();
    let overlast = figures
        .iter()
        .find(|o| o.indicator == "overlastmeldingen")
        .unwrap();
    assert_eq!((overlast.year, overlast.value), (2024, 7.5));
    assert!(
        figures.iter().all(|o| o.indicator != "huurachterstand"),
        "empty cell"
    );
    let per_buurt = store.observations(&a, &buurt("BU08551602")).await.unwrap();
    assert!(
        per_buurt
            .iter()
            .any(|o| o.indicator == "mutatiegraad" && o.value == 8.1)
    );
    assert!(
        per_buurt.iter().any(|o| o.indicator == "inwoners"),
        "CBS figures stay"
    );

    let own = store.own_indicators(&a).await.unwrap();
    assert_eq!(own.len(), data.indicators.len());
    let repair = own.iter().find(|d| d.code == "reparatieverzoeken").unwrap();
    assert_eq!(
        (repair.unit.as_str(), repair.higher_is_better),
        ("per 100 woningen", Some(false))
    );
    let all = store.indicators(&a).await.unwrap();
    assert_eq!(
        all.iter().find(|d| d.code == "inwoners").unwrap().source,
        "CBS Kerncijfers wijken en buurten"
    );

    // B sees none of it, and cannot import it: it has no buurten
    assert!(store.complexes(&b).await.unwrap().is_empty());
    assert_eq!(
        store.complex(&b, &ComplexCode::from("1001")).await.unwrap(),
        None
    );
    assert!(
        store
            .complex_observations(&b, &ComplexCode::from("1001"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.own_indicators(&b).await.unwrap().is_empty());
    let refused = problems(
        store
            .import_own_data(&b, "sjabloon.xlsx", &bytes, &data)
            .await,
    );
    assert_eq!(
        refused[0],
        "regel 2, kolom buurtcode (blad complexen): buurtcode BU08551602 is niet bekend: \
         importeer eerst de CBS-gegevens van deze gemeente"
    );
    assert!(refused.contains(&"regel 2, kolom buurtcode (blad kengetallen): buurtcode BU08551602 is niet bekend: importeer eerst de CBS-gegevens van deze gemeente".to_string()), "{refused:#?}");
    assert_eq!(refused.len(), 3, "{refused:#?}");
    assert!(store.complexes(&b).await.unwrap().is_empty());
    store.close().await;
}
per_backend!(the_template_imports_and_only_its_organisation_sees_it);

const COMPLEXEN: &str = "complexnummer;naam;buurtcode;aantal_woningen\n\
    7;De Hoven;BU08551602;10\n\
    8;Het Hof;BU08559999;20\n";

async fn a_bad_row_leaves_nothing_written(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = with_buurten(&store, "Corporatie").await;
    let before = store.indicators(&org).await.unwrap();
    let data = parse_own("complexen.csv", COMPLEXEN.as_bytes()).unwrap();
    let p = problems(
        store
            .import_own_data(&org, "complexen.csv", COMPLEXEN.as_bytes(), &data)
            .await,
    );
    assert_eq!(
        p,
        vec![
            "regel 3, kolom buurtcode (blad complexen): buurtcode BU08559999 is niet bekend: importeer eerst de CBS-gegevens van deze gemeente"
        ]
    );
    assert!(
        store.complexes(&org).await.unwrap().is_empty(),
        "the good row is not written either"
    );

    let figures = "complexnummer;jaar;mutatiegraad;bewonersoordeel\n7;2024;5;7\n99;2024;4;8\n";
    let data = parse_own("kengetallen.csv", figures.as_bytes()).unwrap();
    let p = problems(
        store
            .import_own_data(&org, "kengetallen.csv", figures.as_bytes(), &data)
            .await,
    );
    assert_eq!(p.len(), 2, "one problem per row: {p:#?}");
    assert!(p[0].starts_with("regel 2, kolom complexnummer (blad kengetallen): complex 7 staat niet op het blad complexen"));
    assert!(p[1].starts_with("regel 3, kolom complexnummer (blad kengetallen): complex 99"));
    // the checks read the database: complex 7 in an earlier file of the
    // same upload counts
    let pending = store
        .own_data_problems(&org, &data, &["7".to_string()])
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);

    // a failure half-way (a value of an indicator the data does not
    // define breaks a foreign key after the complex is written) rolls
    // everything back
    let mut broken = parse_own(
        "c.csv",
        b"complexnummer;naam;buurtcode;aantal_woningen\n7;A;BU08551602;1\n",
    )
    .unwrap();
    broken.values.push(OwnValue {
        subject: Subject::Complex("7".into()),
        indicator: "niet_gedefinieerd".into(),
        year: 2024,
        value: 1.0,
    });
    let result = store
        .import_own_data(&org, "broken", b"broken", &broken)
        .await;
    assert!(
        matches!(result, Err(OwnImportError::Storage(_))),
        "{result:?}"
    );
    assert!(
        store.complexes(&org).await.unwrap().is_empty(),
        "{:?}",
        store.backend()
    );
    assert_eq!(store.indicators(&org).await.unwrap(), before);
    store.close().await;
}
per_backend!(a_bad_row_leaves_nothing_written);

async fn the_same_file_twice_changes_nothing_and_a_second_year_adds(url: String) {
    let complexes = "complexnummer;naam;buurtcode;aantal_woningen;gemiddelde_huur\n7;De Hoven;BU08551602;10;€ 600\n";
    let year_2024 = "complexnummer;buurtcode;jaar;mutatiegraad\n7;;2024;5\n;BU08551602;2024;6\n";
    let year_2025 = "complexnummer;buurtcode;jaar;mutatiegraad\n7;;2025;4,5\n;BU08551602;2025;\n";
    let store = Store::connect(&url).await.unwrap();
    let org = with_buurten(&store, "Corporatie").await;
    for (name, text) in [("c.csv", complexes), ("k2024.csv", year_2024)] {
        let data = parse_own(name, text.as_bytes()).unwrap();
        assert!(
            store
                .import_own_data(&org, name, text.as_bytes(), &data)
                .await
                .unwrap()
                .applied
        );
    }
    let data = parse_own("k2024.csv", year_2024.as_bytes()).unwrap();
    let again = store
        .import_own_data(&org, "k2024.csv", year_2024.as_bytes(), &data)
        .await
        .unwrap();
    assert!(!again.applied);

    let data = parse_own("k2025.csv", year_2025.as_bytes()).unwrap();
    store
        .import_own_data(&org, "k2025.csv", year_2025.as_bytes(), &data)
        .await
        .unwrap();
    let series: Vec<(i32, f64)> = store
        .complex_observations(&org, &ComplexCode::from("7"))
        .await
        .unwrap()
        .iter()
        .map(|o| (o.year, o.value))
        .collect();
    assert_eq!(series, vec![(2024, 5.0), (2025, 4.5)]);
    let buurt_series: Vec<(i32, f64)> = store
        .observations(&org, &buurt("BU08551602"))
        .await
        .unwrap()
        .iter()
        .filter(|o| o.indicator == "mutatiegraad")
        .map(|o| (o.year, o.value))
        .collect();
    assert_eq!(
        buurt_series,
        vec![(2024, 6.0)],
        "an empty cell adds nothing"
    );

    // a changed complexen file replaces the complex's fields
    let renamed = complexes
        .replace("De Hoven", "De Nieuwe Hoven")
        .replace("€ 600", "");
    let data = parse_own("c2.csv", renamed.as_bytes()).unwrap();
    store
        .import_own_data(&org, "c2.csv", renamed.as_bytes(), &data)
        .await
        .unwrap();
    let c = store
        .complex(&org, &ComplexCode::from("7"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((c.name.as_str(), c.average_rent), ("De Nieuwe Hoven", None));
    assert_eq!(store.complexes(&org).await.unwrap().len(), 1);
    store.close().await;
}
per_backend!(the_same_file_twice_changes_nothing_and_a_second_year_adds);

async fn an_own_code_cannot_take_over_a_cbs_indicator(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = with_buurten(&store, "Corporatie").await;
    let data = OwnData {
        indicators: vec![OwnIndicator {
            code: "inwoners".into(),
            name: "Eigen telling".into(),
            unit: "aantal".into(),
            higher_is_better: None,
        }],
        ..OwnData::default()
    };
    let p = problems(store.import_own_data(&org, "x", b"x", &data).await);
    assert_eq!(
        p,
        vec![
            "indicator inwoners bestaat al met bron \"CBS Kerncijfers wijken en buurten\": kies voor uw eigen indicator een andere code"
        ]
    );
    store.close().await;
}
per_backend!(an_own_code_cannot_take_over_a_cbs_indicator);
