//! End to end, in process: the Leefbaarometer uploaded through the import
//! page (the Amstelveen sample of `../shared/data` when present, else said
//! and skipped), its class on the monitor's map, legend and table, and the
//! demo's own Leefbaarometer figures on its map and area pages.

use std::path::PathBuf;

use axum::http::StatusCode;
use wikken_test_support::{InProcess, Visitor, per_backend};

fn sample() -> Option<Vec<u8>> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../../shared/data/leefbaarometer/lbm3_wijken_amstelveen_2014_2022.csv",
    ]
    .iter()
    .collect();
    let read = std::fs::read(&path);
    if read.is_err() {
        eprintln!(
            "skipped: {} is absent (no ../shared/data here)",
            path.display()
        );
    }
    read.ok()
}

/// A square per wijk of the sample, side by side, so that the map draws.
fn squares(codes: &[&str]) -> String {
    let features: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(k, code)| {
            let x = 4.84 + 0.005 * k as f64;
            format!(
                r#"{{"type":"Feature","properties":{{"wijkcode":"{code}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},52.29],[{x2},52.29],[{x2},52.295],[{x},52.295],[{x},52.29]]]}}}}"#,
                x2 = x + 0.005
            )
        })
        .collect();
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

/// Uploads files of a kind through the import page, as its form does.
async fn upload(v: &Visitor<'_>, kind: &str, files: &[(&str, &[u8])]) -> (StatusCode, String) {
    let form = v.form("/import", "/import").await;
    let csrf = form.get("_csrf").expect("the form's token").to_string();
    let files: Vec<(&str, &str, &[u8])> = files.iter().map(|(n, b)| ("bestand", *n, *b)).collect();
    let answer = v
        .post_files(
            "/import",
            &[
                ("_csrf".to_string(), csrf),
                ("soort".to_string(), kind.to_string()),
                ("jaar".to_string(), "2024".to_string()),
            ],
            &files,
        )
        .await;
    (answer.status, answer.body)
}

async fn the_sample_uploaded_shows_its_classes_on_the_map(url: String) {
    let Some(bytes) = sample() else { return };
    let app = InProcess::start(&url).await;
    let v = app.logged_in("strateeg").await;
    let page = v.page("/import").await;
    assert!(
        page.contains(r#"value="leefbaarometer""#),
        "the form offers it"
    );

    let bad = b"wk_code,jaar,lbm\nWK036201,2022,4.3\nWK036202,2022,veel\n";
    let (status, body) = upload(&v, "leefbaarometer", &[("fout.csv", bad)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("regel 3, kolom lbm: &quot;veel&quot; is geen getal"),
        "{body}"
    );

    let (status, body) = upload(&v, "leefbaarometer", &[("lbm3.csv", &bytes)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("lbm3.csv: 14 gebieden of objecten, 336 waarden opgeslagen."));
    assert!(
        body.contains("14 gebieden waren nog niet bekend en zijn toegevoegd: WK036201 Randwijck")
    );
    assert!(body.contains("Gemeente GM0362 is nog niet bekend"));
    assert!(v.page("/import").await.contains("<td>Leefbaarometer</td>"));

    // The gemeente from CBS, and shapes for the wijken.
    let kwb = b"gemeentecode,gemeentenaam,inwoners\nGM0362,Amstelveen,92000\n";
    assert_eq!(
        upload(&v, "kwb", &[("amstelveen.csv", kwb)]).await.0,
        StatusCode::OK
    );
    let codes: Vec<String> = (1..=14).map(|k| format!("WK0362{k:02}")).collect();
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let shapes = squares(&codes);
    let (status, body) = upload(&v, "grenzen", &[("wijken.geojson", shapes.as_bytes())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let map = v.page("/monitor/GM0362?niveau=wijk&kengetal=lbm").await;
    assert!(
        map.contains("Leefbaarometer: totaalscore</strong>, 2022"),
        "the latest year"
    );
    // Randwijck, 4,33 in 2022: uitstekend, dark green on the map, in the
    // legend and in the table.
    assert!(
        map.contains(r#"data-code="WK036201" data-label="Randwijck: 4,33 (uitstekend)""#),
        "{map}"
    );
    let randwijck = map.split(r#"data-code="WK036201""#).nth(1).unwrap();
    assert!(
        randwijck[..400].contains(r##"fill="#1a9850""##),
        "{randwijck}"
    );
    assert!(map.contains("uitstekend (4)"), "{map}");
    assert!(map.contains("zeer onvoldoende (0)"));
    assert!(map.contains("<td class=\"num\">4,33 (uitstekend)</td>"));
    // Uilenstede - Kronenburg in 2014: onvoldoende.
    let old = v
        .page("/monitor/GM0362?niveau=wijk&kengetal=lbm&jaar=2014")
        .await;
    assert!(
        old.contains("Uilenstede - Kronenburg: 3,73 (onvoldoende)"),
        "{old}"
    );
    assert!(old.contains("onvoldoende (1)"));
    // A dimension is an ordinary indicator, with quintiles.
    let vrz = v.page("/monitor/GM0362?niveau=wijk&kengetal=lbm_vrz").await;
    assert!(
        vrz.contains("Klassen: kwintielen van de wijken in Amstelveen"),
        "{vrz}"
    );
    assert!(vrz.contains("Leefbaarometer: voorzieningen (afwijking)"));
}
per_backend!(the_sample_uploaded_shows_its_classes_on_the_map);

async fn the_demo_shows_its_leefbaarometer_on_the_map_and_area_pages(url: String) {
    let app = InProcess::start(&url).await;
    let v = app.logged_in("lezer").await;
    let map = v.page("/monitor/GM9999?kengetal=lbm").await;
    assert!(map.contains("Molenhoek: 3,64 (ruim onvoldoende)"), "{map}");
    assert!(map.contains("Klassen: de negen klassen van de Leefbaarometer"));
    for class in ["zeer onvoldoende (", "zwak (", "goed (", "uitstekend ("] {
        assert!(map.contains(class), "legend: {class}");
    }
    let code = map
        .split(r#"data-label="Molenhoek: "#)
        .next()
        .unwrap()
        .rsplit("data-code=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let area = v.page(&format!("/gebied/{code}")).await;
    assert!(area.contains("Leefbaarometer: totaalscore"), "{area}");
    assert!(area.contains("3,64 (ruim onvoldoende)"), "{area}");
}
per_backend!(the_demo_shows_its_leefbaarometer_on_the_map_and_area_pages);
