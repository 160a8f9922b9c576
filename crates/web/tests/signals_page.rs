//! The signal page in process (the router called with `oneshot`): the
//! minimum number of inhabitants is the user's choice, applied to the
//! list, its counts and the links to the map and the download; a value
//! that cannot be used is named in Dutch.

use std::collections::HashMap;

use axum::http::StatusCode;
use wikken_data::AreaLevel;
use wikken_test_support::{InProcess, per_backend};

/// Each demo buurt's name and latest number of inhabitants.
fn buurten() -> Vec<(String, f64)> {
    let demo = wikken_data::demo::demo();
    let mut latest: HashMap<String, (i32, f64)> = HashMap::new();
    for o in &demo.dataset.observations {
        if o.indicator == "inwoners" && o.area.level() == AreaLevel::Buurt {
            let e = latest
                .entry(o.area.as_str().to_string())
                .or_insert((o.year, o.value));
            if o.year > e.0 {
                *e = (o.year, o.value);
            }
        }
    }
    demo.dataset
        .areas
        .iter()
        .filter_map(|a| {
            let (_, p) = latest.get(a.code.as_str())?;
            Some((a.name.clone(), *p))
        })
        .collect()
}

/// The number after "van " and before " buurten." in the counts.
fn compared(page: &str) -> usize {
    let counts = page
        .split("<p class=\"counts\">")
        .nth(1)
        .expect("the buurten's counts");
    let from = counts.find(" van ").expect("van N buurten") + 5;
    counts[from..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .expect("a count")
}

async fn the_minimum_of_inhabitants_is_the_users_choice(url: String) {
    let app = InProcess::start(&url).await;
    let v = app.logged_in("lezer").await;

    // The smallest buurt that the default minimum (200) still compares.
    let (name, population) = buurten()
        .into_iter()
        .filter(|(_, p)| *p >= 200.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("a buurt of 200 or more");
    let page = v.page("/signalen").await;
    let before = compared(&page);
    assert!(
        page.contains("name=\"min_inwoners\" value=\"200\""),
        "{page}"
    );

    // Raised just above it: that buurt moves to the small group, and the
    // counts no longer include it.
    let min = population as u64 + 1;
    let raised = v.page(&format!("/signalen?min_inwoners={min}")).await;
    assert_eq!(compared(&raised), before - 1, "one fewer compared");
    let heading = format!("<h3>Buurten met minder dan {}", group(min));
    let small = raised
        .split(&heading)
        .nth(1)
        .unwrap_or_else(|| panic!("a small group: {raised}"));
    assert!(
        small.contains(&format!(">{name}</a>")),
        "{name} in the small group"
    );
    assert!(raised.contains("Daarnaast "), "the note names the group");
    // The map and the download show the same choice.
    assert!(raised.contains(&format!(
        "kengetal=signaal&amp;min_inwoners={min}&amp;klein=markeren"
    )));
    let export = raised
        .split("href=\"/signalen/export.xlsx?")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    let file = v.get(&format!("/signalen/export.xlsx?{export}")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.content_type.unwrap().contains("spreadsheetml"));

    // Left out instead: not in the list at all, and named as left out.
    let left = v
        .page(&format!("/signalen?min_inwoners={min}&klein=weglaten"))
        .await;
    assert_eq!(compared(&left), before - 1);
    assert!(!left.contains(&heading), "no small group when left out");
    assert!(left.contains("weggelaten: ze tellen niet mee in de vergelijking"));
    let named = left
        .split("<p class=\"muted\">Weggelaten: ")
        .nth(1)
        .and_then(|r| r.split("</p>").next())
        .expect("the buurten left out, named");
    assert!(
        named.contains(&format!("{name} ({} inwoners)", group(population as u64))),
        "{named}"
    );

    // Values that cannot be used are named, and the default is shown.
    for bad in ["-5", "abc"] {
        let answer = v.get(&format!("/signalen?min_inwoners={bad}")).await;
        let body = answer.expect(StatusCode::UNPROCESSABLE_ENTITY, bad);
        assert!(
            body.contains(&format!(
                "Het minimum aantal inwoners is een heel getal van 0 tot en met 100.000; &quot;{bad}&quot; is dat niet."
            )),
            "{body}"
        );
        assert!(body.contains("id=\"min_inwoners-fout\""));
        assert_eq!(compared(body), before, "the default holds");
    }
}
per_backend!(the_minimum_of_inhabitants_is_the_users_choice);

/// A minimum as the page prints it ("1.234").
fn group(n: u64) -> String {
    wikken_core::format::number(n as f64, 0)
}
