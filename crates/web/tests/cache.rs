//! The monitor pages cache what they read per organisation; an import made
//! elsewhere (straight into the database, as `wikken import` in another
//! process does) must show on the next request all the same.

use wikken_test_support as common;
use wikken_test_support::per_backend;

use common::spawn_app;
use reqwest::StatusCode;
use wikken_data::{AreaLevel, parse_kwb};
use wikken_storage::ImportKind;

async fn pages_show_an_import_made_by_another_process(url: String) {
    let demo = wikken_data::demo::demo();
    let buurt = demo
        .dataset
        .areas
        .iter()
        .find(|a| a.code.level() == AreaLevel::Buurt)
        .unwrap();
    let code = buurt.code.as_str();
    let wijk = buurt.code.parent().unwrap();
    let gemeente = buurt.code.gemeente();
    let app = spawn_app(&url).await;
    let b = app.client_as("lezer").await;
    let map = format!("/monitor/{}?kengetal=inwoners", gemeente.as_str());
    let page = format!("/gebied/{code}");
    // Twice each, so that the second answer comes from the cache.
    for _ in 0..2 {
        assert!(!b.page(&map, StatusCode::OK).await.contains("123.456"));
        assert!(!b.page(&page, StatusCode::OK).await.contains("123.456"));
    }

    let csv = format!(
        "buurtcode,buurtnaam,wijkcode,gemeentecode,gemeentenaam,inwoners\n\
         {code},{},{},{},{},123456\n",
        buurt.name,
        wijk.as_str(),
        gemeente.as_str(),
        demo.gemeente_name
    );
    let data = parse_kwb(&csv, Some(2031)).unwrap();
    let done = app
        .store
        .import_dataset(
            &app.org,
            ImportKind::Kwb,
            "later.csv",
            csv.as_bytes(),
            &data,
        )
        .await
        .unwrap();
    assert!(done.applied);

    let shown = b.page(&map, StatusCode::OK).await;
    assert!(shown.contains("123.456"), "the map shows 2031's figure");
    assert!(
        shown.contains("<option value=\"2031\" selected"),
        "and its year"
    );
    let shown = b.page(&page, StatusCode::OK).await;
    assert!(shown.contains("123.456"), "the buurt page too");
}
per_backend!(pages_show_an_import_made_by_another_process);
