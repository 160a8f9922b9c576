//! The limits of `wikken_core::limits` through the server: a form that
//! goes over one is answered 422 with the Dutch message next to its field,
//! and an import of a whole afweging or a model file over them is refused
//! whole, naming the limit and the place.

use wikken_test_support as common;

use common::case_steps::build_case;
use common::{Browser, first_buurt, spawn_app, sqlite_url};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Imports `doc` as a file; the status and the page.
async fn import(b: &Browser, name: &str, doc: &Value) -> (StatusCode, String) {
    let token = b.csrf("/afwegingen").await;
    let form = reqwest::multipart::Form::new().text("_csrf", token).part(
        "model",
        reqwest::multipart::Part::bytes(doc.to_string().into_bytes()).file_name(name.to_string()),
    );
    let r = b
        .client
        .post(format!("{}/afwegingen/import", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

/// `n` copies of the first element of `list`, each with its own id.
fn copies(list: &Value, n: usize, id: impl Fn(&mut Value, usize)) -> Value {
    json!(
        (0..n)
            .map(|i| {
                let mut x = list[0].clone();
                id(&mut x, i);
                x
            })
            .collect::<Vec<_>>()
    )
}

#[tokio::test]
async fn forms_and_imports_over_the_limits_are_refused_in_dutch() {
    let app = spawn_app(&sqlite_url()).await;
    let b = app.client_as("strateeg").await;
    let id = build_case(&b, &first_buurt()).await;
    let base = format!("/afwegingen/{id}");
    let cases = app.store.cases(&app.org).await.unwrap().len();

    // The settings form: iterations over the limit, next to the field.
    let settings = [
        ("start_year", "2027"),
        ("horizon", "15"),
        ("rate", "2,25"),
        ("iterations", "1.000.001"),
        ("budget_actor", ""),
    ];
    let page = format!("{base}/resultaten");
    let r = b
        .post_form(&page, &format!("{base}/instellingen"), &settings)
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("id=\"iterations-fout\">Vul een getal in van 1 tot en met 1.000.000."),
        "{body}"
    );

    // Adding a criterion beyond the limit.
    let weging = format!("{base}/weging");
    let mut refused = None;
    for i in 0..=wikken_core::limits::CRITERIA.max {
        let name = format!("Criterium {i}");
        let r = b
            .post_form(
                &weging,
                &format!("{base}/criteria"),
                &[("criterion_name", &name), ("criterion_direction", "max")],
            )
            .await;
        if r.status() != StatusCode::SEE_OTHER {
            refused = Some((r.status(), r.text().await.unwrap()));
            break;
        }
    }
    let (status, body) = refused.expect("the 21st criterion is refused");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(
            "id=\"criterion-name-fout\">Deze afweging heeft al 20 criteria, het maximum."
        ),
        "{body}"
    );

    // A whole afweging with 5.000 options and 1.000.000 iterations.
    let whole: Value = b
        .get(&format!("{base}/afweging.json"))
        .await
        .json()
        .await
        .unwrap();
    let mut big = whole.clone();
    big["options"] = copies(&whole["options"], 5000, |o, i| {
        o["spec"]["id"] = json!(format!("o{i}"));
    });
    big["uncertainty"]["iterations"] = json!(2_000_000);
    let (status, body) = import(&b, "groot.json", &big).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "groot.json: afweging: 5.000 opties, maximaal 200",
        "groot.json: rekeninstellingen: 2.000.000 trekkingen, maximaal 1.000.000",
    ] {
        assert!(body.contains(expected), "{expected} not in {body}");
    }

    // A ragged pairwise matrix: refused with a message, no panic later.
    let mut ragged = whole.clone();
    ragged["weighting"] = json!({"method": "ahp", "ahp": [[1.0, 3.0], [0.5]]});
    let (status, body) = import(&b, "scheef.json", &ragged).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("gezamenlijke weging: de vergelijkingsmatrix is niet vierkant"),
        "{body}"
    );

    // A model file with 5.000 options.
    let mut model: Value = b
        .get(&format!("{base}/model.json"))
        .await
        .json()
        .await
        .unwrap();
    model["options"] = copies(&model["options"], 5000, |o, i| {
        o["id"] = json!(format!("o{i}"));
    });
    let (status, body) = import(&b, "model.json", &model).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("model.json: options: 5.000 opties, maximaal 200"),
        "{body}"
    );

    // Nothing of it was stored; the server still serves.
    assert_eq!(app.store.cases(&app.org).await.unwrap().len(), cases);
    b.page(&format!("{base}/weging"), StatusCode::OK).await;
}
