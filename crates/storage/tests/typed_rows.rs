//! Typed rows: a stored value this version does not know (a role, an
//! import kind, an area level) makes the read fail with
//! `StorageError::Corrupt` naming table, column and value, never a
//! default; on SQLite and PostgreSQL (see `common`).

use wikken_test_support::per_backend;

use wikken_data::{AreaCode, parse_kwb};
use wikken_storage::{
    AccountChange, Backend, ImportKind, NewUser, StorageError, Store, UserId, UserRole,
};

/// Asserts that `read` failed as corrupt `table.column` holding `value`.
fn assert_corrupt<T: std::fmt::Debug>(
    read: Result<T, StorageError>,
    table: &str,
    column: &str,
    value: &str,
) {
    match read {
        Err(StorageError::Corrupt {
            table: t,
            column: c,
            value: v,
        }) => assert_eq!((t, c, v.as_str()), (table, column, value)),
        other => panic!("expected {table}.{column} = {value:?} to be corrupt, got {other:?}"),
    }
}

/// Runs `update`, which writes a value the CHECK constraint on
/// `table.column` refuses (as a database changed by hand, or by a newer
/// Wikken, would hold), with that constraint out of the way: ignored on
/// SQLite, dropped and put back as `NOT VALID` (still checking new rows) on
/// PostgreSQL. [`restore_check`] validates it again.
async fn write_past_check(store: &Store, table: &str, column: &str, check: &str, update: &str) {
    let sql = match store.backend() {
        Backend::Sqlite => format!(
            "PRAGMA ignore_check_constraints = ON; {update}; PRAGMA ignore_check_constraints = OFF;"
        ),
        Backend::Postgres => format!(
            "DO $$ DECLARE c text; BEGIN \
             SELECT conname INTO STRICT c FROM pg_constraint WHERE conrelid = '{table}'::regclass \
             AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%{column}%'; \
             EXECUTE format('ALTER TABLE {table} DROP CONSTRAINT %I', c); \
             {update}; \
             EXECUTE format('ALTER TABLE {table} ADD CONSTRAINT %I CHECK ({check}) NOT VALID', c); \
             END $$",
            check = check.replace('\'', "''"),
        ),
    };
    store.execute_unchecked(&sql).await.unwrap();
}

/// Deletes the rows `delete` names and, on PostgreSQL, validates the CHECK
/// constraint on `table.column` again (see [`write_past_check`]).
async fn restore_check(store: &Store, table: &str, column: &str, delete: &str) {
    store.execute_unchecked(delete).await.unwrap();
    if store.backend() == Backend::Postgres {
        store
            .execute_unchecked(&format!(
                "DO $$ DECLARE c text; BEGIN \
                 SELECT conname INTO STRICT c FROM pg_constraint WHERE conrelid = '{table}'::regclass \
                 AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%{column}%'; \
                 EXECUTE format('ALTER TABLE {table} VALIDATE CONSTRAINT %I', c); \
                 END $$"
            ))
            .await
            .unwrap();
    }
}

fn unique(name: &str) -> String {
    format!("{name}-{}", uuid::Uuid::new_v4().simple())
}

async fn user(store: &Store, role: UserRole) -> (wikken_storage::OrganisationId, UserId, String) {
    let org = store
        .create_organisation(&unique("Corporatie"))
        .await
        .unwrap();
    let email = format!("{}@example.nl", unique("ann"));
    let row = store
        .create_user(
            &org,
            &NewUser {
                email: &email,
                name: "Ann",
                role,
                password_hash: "hash",
                must_change_password: false,
            },
        )
        .await
        .unwrap()
        .unwrap();
    (org, row.id, email)
}

async fn roles_are_stored_by_name_and_read_back_typed(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, id, email) = user(&store, UserRole::Strategist).await;
    let read = store.user_by_id(&id).await.unwrap().unwrap();
    assert_eq!(read.role, UserRole::Strategist);
    assert_eq!(read.organisation_id, org);
    store
        .change_account(&org, &id, AccountChange::Role(UserRole::Reader))
        .await
        .unwrap();
    let by_email = store.users_by_email(&email).await.unwrap();
    assert_eq!(by_email.len(), 1);
    assert_eq!(by_email[0].role, UserRole::Reader);
    store.close().await;
}
per_backend!(roles_are_stored_by_name_and_read_back_typed);

async fn an_unknown_stored_role_is_an_error_not_a_lezer(url: String) {
    let store = Store::connect(&url).await.unwrap();
    let (org, id, email) = user(&store, UserRole::Reader).await;
    write_past_check(
        &store,
        "users",
        "role",
        "role IN ('beheerder', 'strateeg', 'lezer')",
        &format!("UPDATE users SET role = 'superuser' WHERE id = '{id}'"),
    )
    .await;

    assert_corrupt(store.user_by_id(&id).await, "users", "role", "superuser");
    assert_corrupt(
        store.users_by_email(&email).await,
        "users",
        "role",
        "superuser",
    );
    assert_corrupt(
        store.user_in_organisation_by_email(&org, &email).await,
        "users",
        "role",
        "superuser",
    );
    assert_corrupt(store.users(&org).await, "users", "role", "superuser");
    assert_corrupt(
        store
            .change_account(&org, &id, AccountChange::Disabled(true))
            .await,
        "users",
        "role",
        "superuser",
    );
    restore_check(
        &store,
        "users",
        "role",
        &format!("DELETE FROM users WHERE id = '{id}'"),
    )
    .await;
    store.close().await;
}
per_backend!(an_unknown_stored_role_is_an_error_not_a_lezer);

async fn an_unknown_import_kind_or_area_level_is_an_error(url: String) {
    const KWB: &str = "buurtcode,buurtnaam,wijkcode,gemeentecode,gemeentenaam,inwoners\n\
        BU08550110,Binnenstad,WK085501,GM0855,Tilburg,3000\n";
    let store = Store::connect(&url).await.unwrap();
    let org = store
        .create_organisation(&unique("Corporatie"))
        .await
        .unwrap();
    let data = parse_kwb(KWB, Some(2024)).unwrap();
    store
        .import_dataset(&org, ImportKind::Kwb, "kwb.csv", KWB.as_bytes(), &data)
        .await
        .unwrap();
    let imports = store.imports(&org).await.unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].kind, ImportKind::Kwb);
    assert_eq!(
        store
            .import(&org, &imports[0].id)
            .await
            .unwrap()
            .map(|i| i.kind),
        Some(ImportKind::Kwb)
    );

    store
        .execute_unchecked(&format!(
            "UPDATE imports SET kind = 'zip' WHERE organisation_id = '{}'",
            org.0
        ))
        .await
        .unwrap();
    assert_corrupt(store.imports(&org).await, "imports", "kind", "zip");

    let buurt = AreaCode::parse("BU08550110").unwrap();
    let area = format!(
        "organisation_id = '{}' AND code = '{}'",
        org.0,
        buurt.as_str()
    );
    write_past_check(
        &store,
        "areas",
        "level",
        "level IN ('gemeente', 'wijk', 'buurt')",
        &format!("UPDATE areas SET level = 'land' WHERE {area}"),
    )
    .await;
    assert_corrupt(store.area(&org, &buurt).await, "areas", "level", "land");
    // The other areas still read.
    let gemeente = AreaCode::parse("GM0855").unwrap();
    let read = store.area(&org, &gemeente).await.unwrap().unwrap();
    assert_eq!(read.level, wikken_data::AreaLevel::Gemeente);
    // The corrupt area goes (its values first), and the odd import.
    store
        .execute_unchecked(&format!(
            "DELETE FROM observations WHERE organisation_id = '{}' AND area_code = '{}'",
            org.0,
            buurt.as_str()
        ))
        .await
        .unwrap();
    restore_check(
        &store,
        "areas",
        "level",
        &format!("DELETE FROM areas WHERE {area}"),
    )
    .await;
    store
        .execute_unchecked(&format!(
            "DELETE FROM imports WHERE organisation_id = '{}'",
            org.0
        ))
        .await
        .unwrap();
    store.close().await;
}
per_backend!(an_unknown_import_kind_or_area_level_is_an_error);
