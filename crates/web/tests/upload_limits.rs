//! End to end: request bodies within their limits. A form route takes
//! 256 kB and says so in Dutch; the import takes large files, but bounds
//! every part of its form; a workbook made to exhaust the memory is refused
//! by cell, and the server goes on serving everyone.

use wikken_test_support as common;

use common::{spawn_app, sqlite_url};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use rust_xlsxwriter::Workbook;
use std::time::{Duration, Instant};

/// The response's status and page, asserting the page is HTML.
async fn page(r: reqwest::Response) -> (StatusCode, String) {
    let status = r.status();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(kind.starts_with("text/html"), "{status}: {kind}");
    (status, r.text().await.unwrap())
}

/// Sends a multipart form to the import page.
async fn post_import(b: &common::Browser, form: Form) -> reqwest::Response {
    b.client
        .post(format!("{}/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A KWB file of 10,000 buurten of Tilburg: about 450 kB.
fn large_kwb() -> Vec<u8> {
    let mut text = String::from("buurtcode,buurtnaam,gemeentecode,gemeentenaam,inwoners\n");
    for wijk in 0..100 {
        for buurt in 0..100 {
            text.push_str(&format!(
                "BU0855{wijk:02}{buurt:02},Buurt {wijk}-{buurt},GM0855,Tilburg,{}\n",
                1000 + buurt
            ));
        }
    }
    text.into_bytes()
}

#[tokio::test]
async fn a_large_form_post_gets_a_dutch_413_and_a_large_import_is_taken() {
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let token = b.csrf("/afwegingen/nieuw").await;
    let question = "x".repeat(1024 * 1024);
    let r = b
        .client
        .post(format!("{}/afwegingen/nieuw", b.base))
        .form(&[("_csrf", token.as_str()), ("question", question.as_str())])
        .send()
        .await
        .unwrap();
    let (status, body) = page(r).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        body.contains("Wat u verstuurde is te groot: Wikken neemt hier hoogstens 256 kB aan."),
        "{body}"
    );

    let kwb = large_kwb();
    assert!(kwb.len() > 400 * 1024);
    let r = b.upload("kwb", Some(2024), &[("tilburg.csv", kwb)]).await;
    let (status, body) = page(r).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Import klaar"), "{body}");
}

#[tokio::test]
async fn every_part_of_the_import_form_is_bounded() {
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let before = app.store.counts(&app.org).await.unwrap();
    let fields = |token: String| Form::new().text("_csrf", token).text("soort", "kwb");

    let mut many = fields(b.csrf("/import").await);
    for i in 0..40 {
        many = many.text(format!("extra{i}"), "x");
    }
    let (status, body) = page(post_import(&b, many).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        body.contains("Het formulier heeft meer dan 30 velden"),
        "{body}"
    );

    let long = fields(b.csrf("/import").await).text("jaar", "2".repeat(5000));
    let (status, body) = page(post_import(&b, long).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body.contains("Het veld jaar is langer dan 4 kB."), "{body}");

    let mut files = fields(b.csrf("/import").await);
    for i in 0..21 {
        files = files.part(
            "bestand",
            Part::bytes(b"gemeentecode,inwoners\nGM0855,1\n".to_vec())
                .file_name(format!("f{i}.csv")),
        );
    }
    let (status, body) = page(post_import(&b, files).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        body.contains("Kies hoogstens 20 bestanden tegelijk."),
        "{body}"
    );

    let huge = vec![b'1'; wikken_data::caps::MAX_IMPORT_FILE_BYTES + 1024];
    let one =
        fields(b.csrf("/import").await).part("bestand", Part::bytes(huge).file_name("reus.csv"));
    let (status, body) = page(post_import(&b, one).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        body.contains("reus.csv is groter dan 48 MB; Wikken neemt bestanden tot 48 MB aan."),
        "{body}"
    );
    assert_eq!(app.store.counts(&app.org).await.unwrap(), before);
}

#[tokio::test]
async fn an_afweging_file_over_its_limit_gets_a_dutch_413() {
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let token = b.csrf("/afwegingen").await;
    let big = vec![b' '; wikken_data::caps::MAX_CASE_FILE_BYTES + 1];
    let form = Form::new()
        .text("_csrf", token)
        .part("model", Part::bytes(big).file_name("model.json"));
    let r = b
        .client
        .post(format!("{}/afwegingen/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, body) = page(r).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        body.contains("model.json is groter dan 96 MB; Wikken neemt bestanden tot 96 MB aan."),
        "{body}"
    );
}

#[tokio::test]
async fn a_workbook_with_a1_and_xfd1048576_is_refused_and_the_server_keeps_serving() {
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let other = app.client_as("lezer").await;

    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("kengetallen").unwrap();
    ws.write_string(0, 0, "jaar").unwrap();
    ws.write_number(1_048_575, 16_383, 1).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let r = b.upload("eigen", None, &[("groot.xlsx", bytes)]).await;
    let (status, body) = page(r).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("groot.xlsx"), "{body}");
    assert!(
        body.contains(
            "regel 1048576, kolom XFD (blad kengetallen): deze cel ligt buiten de kolommen die \
             Wikken leest (hoogstens 256, A tot en met IV)"
        ),
        "{body}"
    );

    // The server still serves: another user, another page.
    other.page("/monitor", StatusCode::OK).await;
    let r = other.get("/gezondheid").await;
    assert_eq!(r.status(), StatusCode::OK);
    b.page("/import", StatusCode::OK).await;
}

#[tokio::test]
async fn reading_a_large_upload_does_not_hold_up_other_requests() {
    // The test runtime has one thread, shared by this test, the client and
    // the server: were the upload parsed on it, every request would wait.
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let other = app.client_as("lezer").await;
    let mut csv = String::from(
        "complexnummer;jaar;mutatiegraad;huurachterstand;overlastmeldingen;bewonersoordeel\n",
    );
    for i in 0..240_000 {
        csv.push_str(&format!("C{i};2024;5,5;x;3;7\n"));
    }
    let upload = tokio::spawn(async move {
        let started = Instant::now();
        let r = b
            .upload("eigen", None, &[("kengetallen.csv", csv.into_bytes())])
            .await;
        (r.status(), started.elapsed())
    });
    // Ask for a page every 50 ms while the upload is sent, read and
    // answered: how late does a round (the answer, and the pause after it,
    // both need the thread) end at worst?
    let pause = Duration::from_millis(50);
    let mut longest = Duration::ZERO;
    while !upload.is_finished() {
        let asked = Instant::now();
        let r = other.get("/gezondheid").await;
        assert_eq!(r.status(), StatusCode::OK);
        tokio::time::sleep(pause).await;
        longest = longest.max(asked.elapsed().saturating_sub(pause));
    }
    let (status, took) = upload.await.unwrap();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        took > Duration::from_secs(1),
        "the upload must take long enough to show anything: {took:?}"
    );
    // Parsed on the runtime's one thread, a request would wait about as
    // long as the whole upload took.
    assert!(
        longest < Duration::from_millis(750) && longest < took / 2,
        "another request waited {longest:?} while the upload took {took:?}"
    );
}
