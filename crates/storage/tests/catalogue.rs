//! The interventiecatalogus: templates per organisation with their
//! history, on SQLite and PostgreSQL (see `common`).

use wikken_storage::Store;
use wikken_test_support::per_backend;

use wikken_core::case::catalogue::{Template, default_templates};
use wikken_storage::{EventUser, SEED_USER};

fn user(name: &str) -> EventUser {
    EventUser {
        id: format!("id-{name}"),
        name: name.to_string(),
    }
}

fn sample(key: &str, name: &str) -> Template {
    let mut t = default_templates()
        .into_iter()
        .find(|t| t.key == "buurtbeheerder")
        .unwrap();
    t.key = key.to_string();
    t.name = name.to_string();
    t
}

fn detail(row: &wikken_storage::CatalogueEventRow) -> serde_json::Value {
    serde_json::from_str(row.detail.as_deref().unwrap()).unwrap()
}

async fn templates_are_saved_changed_deleted_and_kept_in_the_history(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Corporatie").await.unwrap();
    let anna = user("Anna");
    let ben = user("Ben");
    store
        .save_template(&org, &anna, &sample("zeta", "zorgconsulent"))
        .await
        .unwrap();
    let mut b = sample("beta", "Buurtconciërge");
    store.save_template(&org, &anna, &b).await.unwrap();
    assert_eq!(store.template(&org, "beta").await.unwrap(), Some(b.clone()));
    assert_eq!(store.template(&org, "gamma").await.unwrap(), None);

    // listed by name, whatever the case
    let names: Vec<String> = store
        .catalogue(&org)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Buurtconciërge", "zorgconsulent"]);

    // a change replaces the body and records before and after
    let before = b.clone();
    b.name = "Buurtconciërge (2 fte)".into();
    b.flows[0].amount = 150_000.0;
    store.save_template(&org, &ben, &b).await.unwrap();
    assert_eq!(store.template(&org, "beta").await.unwrap(), Some(b.clone()));
    assert_eq!(store.catalogue(&org).await.unwrap().len(), 2);
    let history = store.template_events(&org, "beta", 10).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0].action,
        "Sjabloon Buurtconciërge (2 fte) gewijzigd"
    );
    assert_eq!(
        (history[0].user_id.as_str(), history[0].user_name.as_str()),
        ("id-Ben", "Ben")
    );
    assert_eq!(history[1].action, "Sjabloon Buurtconciërge toegevoegd");
    let d = detail(&history[0]);
    let old: Template = serde_json::from_value(d["before"].clone()).unwrap();
    let new: Template = serde_json::from_value(d["after"].clone()).unwrap();
    assert_eq!((old, new), (before, b.clone()));
    assert!(detail(&history[1])["before"].is_null());

    // deleting keeps the history, and a second delete changes nothing
    assert!(store.delete_template(&org, &anna, "beta").await.unwrap());
    assert!(!store.delete_template(&org, &anna, "beta").await.unwrap());
    assert_eq!(store.template(&org, "beta").await.unwrap(), None);
    let all = store.catalogue_events(&org, 10).await.unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].action, "Sjabloon Buurtconciërge (2 fte) verwijderd");
    assert!(detail(&all[0])["after"].is_null());
    assert_eq!(store.catalogue_events(&org, 2).await.unwrap().len(), 2);
    store.close().await;
}
per_backend!(templates_are_saved_changed_deleted_and_kept_in_the_history);

async fn organisations_see_only_their_own_catalogue(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let a = store.create_organisation("Corporatie A").await.unwrap();
    let b = store.create_organisation("Corporatie B").await.unwrap();
    let t = sample("eigen", "Eigen aanpak");
    store.save_template(&a, &user("Anna"), &t).await.unwrap();

    assert!(store.catalogue(&b).await.unwrap().is_empty());
    assert_eq!(store.template(&b, "eigen").await.unwrap(), None);
    assert!(store.catalogue_events(&b, 10).await.unwrap().is_empty());
    assert!(
        store
            .template_events(&b, "eigen", 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !store
            .delete_template(&b, &user("Bert"), "eigen")
            .await
            .unwrap()
    );
    assert_eq!(store.template(&a, "eigen").await.unwrap(), Some(t.clone()));

    // the same key in B is B's own template
    let mut theirs = t.clone();
    theirs.description = "Anders".into();
    store
        .save_template(&b, &user("Bert"), &theirs)
        .await
        .unwrap();
    assert_eq!(store.template(&a, "eigen").await.unwrap(), Some(t));
    assert_eq!(store.template(&b, "eigen").await.unwrap(), Some(theirs));
    assert_eq!(
        store.template_events(&a, "eigen", 10).await.unwrap().len(),
        1
    );
    store.close().await;
}
per_backend!(organisations_see_only_their_own_catalogue);

async fn the_default_catalogue_fills_only_a_catalogue_that_never_had_one(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let org = store.create_organisation("Corporatie").await.unwrap();
    let defaults = default_templates();
    assert!(store.seed_catalogue(&org, &defaults).await.unwrap());
    let mut stored = store.catalogue(&org).await.unwrap();
    assert_eq!(stored.len(), defaults.len());
    stored.sort_by(|x, y| x.key.cmp(&y.key));
    let mut expected = defaults.clone();
    expected.sort_by(|x, y| x.key.cmp(&y.key));
    assert_eq!(stored, expected, "the JSON round trip keeps every figure");
    let events = store.catalogue_events(&org, 100).await.unwrap();
    assert_eq!(events.len(), defaults.len());
    assert!(events.iter().all(|e| e.user_id == SEED_USER));

    assert!(
        !store.seed_catalogue(&org, &defaults).await.unwrap(),
        "only once"
    );
    assert_eq!(store.catalogue(&org).await.unwrap().len(), defaults.len());

    // a catalogue emptied by its users stays empty
    for t in &defaults {
        assert!(
            store
                .delete_template(&org, &user("Anna"), &t.key)
                .await
                .unwrap()
        );
    }
    assert!(!store.seed_catalogue(&org, &defaults).await.unwrap());
    assert!(store.catalogue(&org).await.unwrap().is_empty());

    // seeding at once from two places adds the catalogue once
    let other = store
        .create_organisation("Andere corporatie")
        .await
        .unwrap();
    let (x, y) = tokio::join!(
        store.seed_catalogue(&other, &defaults),
        store.seed_catalogue(&other, &defaults)
    );
    assert!(x.unwrap() ^ y.unwrap());
    assert_eq!(store.catalogue(&other).await.unwrap().len(), defaults.len());
    assert_eq!(
        store.catalogue_events(&other, 100).await.unwrap().len(),
        defaults.len()
    );
    store.close().await;
}
per_backend!(the_default_catalogue_fills_only_a_catalogue_that_never_had_one);
