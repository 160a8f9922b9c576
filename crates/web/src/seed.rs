//! The first start: on an empty database, a fictional demo organisation
//! with its gemeente, boundaries, complexes and figures, and a first
//! beheerder to log in with.

use wikken_core::case::catalogue::{Template, default_templates};
use wikken_storage::{ImportKind, NewUser, OrganisationId, StorageError, Store, UserRole};

use crate::auth::hash_password;

/// The first beheerder's login, to print once.
#[derive(Debug, Clone)]
pub struct FirstLogin {
    /// The demo organisation.
    pub organisation: OrganisationId,
    /// Its name.
    pub organisation_name: String,
    /// E-mail address to log in with.
    pub email: String,
    /// The password (random, unless given).
    pub password: String,
}

/// What seeding can fail on.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The demo's own data was refused (a bug in the demo generator).
    #[error("demo-gegevens geweigerd: {0}")]
    Demo(String),
    /// The chosen first password breaks the password rule.
    #[error("WIKKEN_ADMIN_PASSWORD: {0}")]
    Password(#[from] wikken_core::password::PasswordRefusal),
}

/// The first beheerder's e-mail address.
pub const ADMIN_EMAIL: &str = "beheerder@demo.wikken.nl";

/// Fills an empty database with the demo and a beheerder. `None` when the
/// database already has organisations (nothing is touched then).
/// `password` is the beheerder's password; a random one when `None`.
///
/// All or nothing: the organisation is marked as being seeded until the
/// last step, a failure deletes it with everything it got, and a start
/// after a crash mid-way finds the mark, deletes the same and seeds again.
pub async fn first_start(
    store: &Store,
    password: Option<String>,
) -> Result<Option<FirstLogin>, SeedError> {
    first_start_with(store, password, |_| Ok(())).await
}

/// [`first_start`], calling `before` with the name of each step before
/// it is taken; an error from it stops the seeding there (for tests of
/// what a failure mid-way leaves).
pub async fn first_start_with(
    store: &Store,
    password: Option<String>,
    before: impl Fn(&str) -> Result<(), SeedError>,
) -> Result<Option<FirstLogin>, SeedError> {
    let discarded = store.discard_unfinished_seeding().await?;
    if discarded > 0 {
        tracing::warn!(
            discarded,
            "an earlier first start did not finish; its demo was deleted and is made again"
        );
    }
    if store.organisation_count().await? > 0 {
        return Ok(None);
    }
    if let Some(p) = &password {
        crate::accounts::check_new_password(p, ADMIN_EMAIL, "Beheerder (demo)", "")?;
    }
    let demo = wikken_data::demo::demo();
    let org = store
        .create_seeding_organisation(&demo.corporation_name)
        .await?;
    match seed(store, &org, &demo, password, &before).await {
        Ok(password) => {
            store.finish_seeding(&org).await?;
            Ok(Some(FirstLogin {
                organisation: org,
                organisation_name: demo.corporation_name,
                email: ADMIN_EMAIL.to_string(),
                password,
            }))
        }
        Err(e) => {
            if let Err(cleanup) = store.discard_unfinished_seeding().await {
                tracing::error!(error = %cleanup, "could not delete the unfinished demo");
            }
            Err(e)
        }
    }
}

/// The steps of the first start after its organisation is made; returns
/// the beheerder's password.
async fn seed(
    store: &Store,
    org: &OrganisationId,
    demo: &wikken_data::demo::Demo,
    password: Option<String>,
    before: &impl Fn(&str) -> Result<(), SeedError>,
) -> Result<String, SeedError> {
    before("gegevens")?;
    load_demo(store, org, demo).await?;
    before("catalogus")?;
    store.seed_catalogue(org, &default_templates()).await?;
    before("beheerder")?;
    let password = password.unwrap_or_else(crate::accounts::temporary_password);
    let hash = hash_password(&password);
    let admin = store
        .create_user(
            org,
            &NewUser {
                email: ADMIN_EMAIL,
                name: "Beheerder (demo)",
                role: UserRole::Admin,
                password_hash: &hash,
                must_change_password: false,
            },
        )
        .await?
        .ok_or_else(|| SeedError::Demo("the demo beheerder exists already".into()))?;
    let user = wikken_storage::EventUser {
        id: admin.id.0,
        name: admin.name,
    };
    before("afweging")?;
    store
        .create_case(org, &user, &demo_case(demo, &default_templates()))
        .await?;
    before("afspraken")?;
    crate::seed_agreement::seed_demo_agreement(store, org, demo, &user, &hash).await?;
    before("klaar")?;
    Ok(password)
}

/// The demo's afweging, about the buurt where the corporation has the most
/// dwellings: the one a first start stores.
pub fn demo_case(
    demo: &wikken_data::demo::Demo,
    templates: &[Template],
) -> wikken_core::case::CaseDoc {
    use std::collections::BTreeMap;
    let mut per_buurt: BTreeMap<&str, u32> = BTreeMap::new();
    for c in &demo.own.complexes {
        *per_buurt.entry(c.buurt.as_str()).or_default() += c.dwellings;
    }
    let buurt = per_buurt
        .iter()
        .max_by_key(|(code, n)| (**n, std::cmp::Reverse(*code)))
        .map_or("", |(code, _)| *code);
    let name = demo
        .dataset
        .areas
        .iter()
        .find(|a| a.code.as_str() == buurt)
        .map_or(buurt, |a| a.name.as_str());
    let complexes: Vec<(String, f64)> = demo
        .own
        .complexes
        .iter()
        .filter(|c| c.buurt.as_str() == buurt)
        .map(|c| (c.code.clone(), f64::from(c.dwellings)))
        .collect();
    wikken_core::case::demo::demo_case(
        &wikken_core::case::demo::DemoSubject {
            buurt,
            buurt_name: name,
            gemeente_name: &demo.gemeente_name,
            corporation_name: &demo.corporation_name,
            complexes: &complexes,
            start_year: 2027,
        },
        templates,
    )
}

/// Stores the demo's figures (CBS-style and Leefbaarometer), boundaries
/// and own data for an organisation, through the same imports a user's
/// files go through.
pub async fn load_demo(
    store: &Store,
    org: &OrganisationId,
    demo: &wikken_data::demo::Demo,
) -> Result<(), SeedError> {
    let tag = |what: &str| format!("demo-{what}-{}", demo.gemeente_name);
    store
        .import_dataset(
            org,
            ImportKind::Demo,
            &tag("cbs"),
            tag("cbs").as_bytes(),
            &demo.dataset,
        )
        .await?;
    store
        .import_dataset(
            org,
            ImportKind::Demo,
            &tag("leefbaarometer"),
            tag("leefbaarometer").as_bytes(),
            &demo.leefbaarometer,
        )
        .await?;
    store
        .import_boundaries(
            org,
            &tag("grenzen"),
            tag("grenzen").as_bytes(),
            &demo.boundaries,
        )
        .await?;
    for (what, own) in [("eigen", &demo.own), ("eigen-bijgewerkt", &demo.own_update)] {
        store
            .import_own_data(org, &tag(what), tag(what).as_bytes(), own)
            .await
            .map_err(|e| match e {
                wikken_storage::OwnImportError::Storage(e) => SeedError::Storage(e),
                wikken_storage::OwnImportError::Invalid(p) => SeedError::Demo(
                    p.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            })?;
    }
    Ok(())
}

/// The organisation's interventiecatalogus. An organisation whose
/// catalogue never had anything in it (one made before the catalogue
/// existed) gets the default catalogue first, so every organisation starts
/// with one; one that deleted its templates keeps an empty catalogue.
pub async fn catalogue(store: &Store, org: &OrganisationId) -> Result<Vec<Template>, StorageError> {
    let templates = store.catalogue(org).await?;
    if !templates.is_empty()
        || !store.catalogue_events(org, 1).await?.is_empty()
        || !store.seed_catalogue(org, &default_templates()).await?
    {
        return Ok(templates);
    }
    store.catalogue(org).await
}
