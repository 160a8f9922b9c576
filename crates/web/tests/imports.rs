//! End to end: importing through the web page (good files, bad files
//! named by row and column, the same file twice) and tenant isolation
//! (another organisation's buurt, complex and import are not found).

use wikken_test_support as common;
use wikken_test_support::per_backend;

use common::{Browser, PASSWORD, add_users, spawn_app};
use reqwest::StatusCode;

const KWB: &str = "buurtcode,buurtnaam,wijkcode,gemeentecode,gemeentenaam,inwoners,pct_koopwoningen\n\
    BU08551602,Afrikaanderbuurt Midden,WK085516,GM0855,Tilburg,1975,35\n\
    BU08556702,Achthoeven,WK085567,GM0855,Tilburg,1640,61\n";

const BAD_KWB: &str = "buurtcode,buurtnaam,gemeentecode,gemeentenaam,inwoners\n\
    BU08551602,Afrikaanderbuurt Midden,GM0855,Tilburg,1975\n\
    BU08556702,Achthoeven,GM0855,Tilburg,veel\n\
    XX123,Nergens,GM0855,Tilburg,3\n";

const SHAPES: &str = r#"{"type":"FeatureCollection","features":[
  {"type":"Feature","properties":{"buurtcode":"BU08551602"},"geometry":{"type":"Polygon","coordinates":[[[5.08,51.55],[5.09,51.55],[5.09,51.56],[5.08,51.56],[5.08,51.55]]]}},
  {"type":"Feature","properties":{"buurtcode":"BU08556702"},"geometry":{"type":"Polygon","coordinates":[[[5.09,51.55],[5.10,51.55],[5.10,51.56],[5.09,51.56],[5.09,51.55]]]}}
]}"#;

const COMPLEXES: &str = "complexnummer;naam;buurtcode;aantal_woningen;bouwjaar\nB-77;Achthoevenflat;BU08556702;40;1968\n";

async fn imports_through_the_page_are_checked_whole_and_idempotent(url: String) {
    let app = spawn_app(&url).await;
    let b = app.client_as("strateeg").await;
    let before = app.store.counts(&app.org).await.unwrap();

    let r = b
        .upload(
            "kwb",
            Some(2024),
            &[
                ("goed.csv", KWB.as_bytes().to_vec()),
                ("fout.csv", BAD_KWB.as_bytes().to_vec()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("Niets geïmporteerd"), "{page}");
    assert!(page.contains("fout.csv"));
    assert!(
        page.contains("regel 3, kolom inwoners"),
        "names row and column"
    );
    assert!(page.contains("regel 4, kolom buurtcode"));
    assert_eq!(
        app.store.counts(&app.org).await.unwrap(),
        before,
        "nothing written, not even the good file"
    );

    let r = b
        .upload("kwb", Some(2024), &[("goed.csv", KWB.as_bytes().to_vec())])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Import klaar"));
    let after = app.store.counts(&app.org).await.unwrap();
    assert_eq!(after.0 - before.0, 3, "the gemeente and 2 buurten");
    let r = b
        .upload("kwb", Some(2024), &[("goed.csv", KWB.as_bytes().to_vec())])
        .await;
    assert!(r.text().await.unwrap().contains("al eerder geïmporteerd"));
    assert_eq!(app.store.counts(&app.org).await.unwrap(), after);

    let r = b
        .upload(
            "grenzen",
            None,
            &[(
                "kapot.geojson",
                b"{\"type\": \"FeatureCollection\", \"features\": [".to_vec(),
            )],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = b
        .upload(
            "grenzen",
            None,
            &[("tilburg.geojson", SHAPES.as_bytes().to_vec())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let map = b.page("/monitor/GM0855", StatusCode::OK).await;
    assert!(map.contains("data-code=\"BU08551602\"") && map.contains("data-code=\"BU08556702\""));

    let r = b
        .upload(
            "eigen",
            None,
            &[(
                "complexen.csv",
                b"complexnummer;naam;buurtcode;aantal_woningen\nX1;Nergens;BU03630000;10\n"
                    .to_vec(),
            )],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("BU03630000 is niet bekend")
    );
    let r = b
        .upload(
            "eigen",
            None,
            &[("complexen.csv", COMPLEXES.as_bytes().to_vec())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let buurt = b.page("/gebied/BU08556702", StatusCode::OK).await;
    assert!(buurt.contains("Achthoevenflat"));
    assert!(
        b.page("/complex/B-77", StatusCode::OK)
            .await
            .contains("<h1>Complex B-77 Achthoevenflat</h1>")
    );
}
per_backend!(imports_through_the_page_are_checked_whole_and_idempotent);

async fn another_organisations_rows_are_not_found(url: String) {
    let app = spawn_app(&url).await;
    // Organisation B imports Tilburg, its shapes and a complex.
    let org_b = app
        .store
        .create_organisation(&format!("Corporatie B {}", app.tag))
        .await
        .unwrap();
    let tag_b = format!("{}b", app.tag);
    add_users(&app.store, &org_b, &tag_b).await;
    let b_user = Browser::new(&app.address);
    assert_eq!(
        b_user
            .login(&format!("strateeg-{tag_b}@test.wikken.nl"), PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    for (kind, name, body) in [
        ("kwb", "b.csv", KWB),
        ("grenzen", "b.geojson", SHAPES),
        ("eigen", "b-complexen.csv", COMPLEXES),
    ] {
        let r = b_user
            .upload(kind, Some(2024), &[(name, body.as_bytes().to_vec())])
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{kind}");
    }
    let b_import = app.store.imports(&org_b).await.unwrap()[0].id.clone();
    assert_eq!(
        b_user.get("/gebied/BU08556702").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        b_user.get(&format!("/import/{b_import}")).await.status(),
        StatusCode::OK
    );

    // A user of organisation A (the demo) sees none of it.
    let a_user = app.client_as("beheerder").await;
    for path in [
        "/gebied/BU08556702".to_string(),
        "/monitor/GM0855".into(),
        "/complex/B-77".into(),
        format!("/import/{b_import}"),
        "/monitor/GM0855/export.xlsx".into(),
    ] {
        let r = a_user.get(&path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let a_monitor = a_user.page("/monitor", StatusCode::OK).await;
    assert!(!a_monitor.contains("Tilburg"));
    let a_signals = a_user.page("/signalen", StatusCode::OK).await;
    assert!(!a_signals.contains("B-77"));
    // And B does not see A's demo.
    let demo_buurt = common::first_buurt();
    assert_eq!(
        b_user.get(&format!("/gebied/{demo_buurt}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        a_user.get(&format!("/gebied/{demo_buurt}")).await.status(),
        StatusCode::OK
    );
}
per_backend!(another_organisations_rows_are_not_found);
