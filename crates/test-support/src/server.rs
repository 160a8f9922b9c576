//! The real server on a random port over a real database, with the demo
//! organisation and a beheerder, strateeg and lezer.

use reqwest::StatusCode;
use wikken_storage::{NewUser, OrganisationId, Store, UserRole};
use wikken_web::{Settings, hash_password, seed};

use crate::Browser;

/// The password of every test user.
pub const PASSWORD: &str = "correct horse battery staple";

/// A running server.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// Its database.
    pub store: Store,
    /// The demo organisation.
    pub org: OrganisationId,
    /// E-mail prefix of this app's users (unique per app).
    pub tag: String,
}

impl TestApp {
    /// The e-mail address of this app's user with a role.
    pub fn email(&self, role: &str) -> String {
        format!("{role}-{}@test.wikken.nl", self.tag)
    }

    /// A client logged in as the user with this role.
    pub async fn client_as(&self, role: &str) -> Browser {
        let b = Browser::new(&self.address);
        let r = b.login(&self.email(role), PASSWORD).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login as {role}");
        b
    }
}

/// The demo's first buurt, the area most tests start an afweging about.
pub fn first_buurt() -> String {
    wikken_data::demo::demo()
        .dataset
        .areas
        .iter()
        .find(|a| a.code.level() == wikken_data::AreaLevel::Buurt)
        .unwrap()
        .code
        .as_str()
        .to_string()
}

/// Adds a beheerder, strateeg and lezer to `org`, tagged.
pub async fn add_users(store: &Store, org: &OrganisationId, tag: &str) {
    let hash = hash_password(PASSWORD);
    for role in [UserRole::Admin, UserRole::Strategist, UserRole::Reader] {
        let email = format!("{role}-{tag}@test.wikken.nl");
        let user = NewUser {
            email: &email,
            name: &format!("Test {role}"),
            role,
            password_hash: &hash,
            must_change_password: false,
        };
        store
            .create_user(org, &user)
            .await
            .unwrap()
            .expect("new e-mail");
    }
}

/// Starts the server on a random port over `url`, with a new organisation
/// holding the demo data and three users.
pub async fn spawn_app(url: &str) -> TestApp {
    spawn_app_with(url, Settings::default()).await
}

/// Like [`spawn_app`], with these settings.
pub async fn spawn_app_with(url: &str, settings: Settings) -> TestApp {
    let store = Store::connect(url).await.expect("database");
    let (org, tag) = demo_organisation(&store).await;
    serve_with(store, org, tag, settings).await
}

/// A new organisation in `store` holding the demo data, with a beheerder,
/// strateeg and lezer; returns it and the users' tag.
pub async fn demo_organisation(store: &Store) -> (OrganisationId, String) {
    let tag = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    let demo = wikken_data::demo::demo();
    let org = store
        .create_organisation(&format!("{} {tag}", demo.corporation_name))
        .await
        .unwrap();
    store.mark_fictional(&org).await.unwrap();
    seed::load_demo(store, &org, &demo).await.expect("demo");
    add_users(store, &org, &tag).await;
    (org, tag)
}

/// Serves `store` on a random port.
pub async fn serve(store: Store, org: OrganisationId, tag: String) -> TestApp {
    serve_with(store, org, tag, Settings::default()).await
}

/// Serves `store` on a random port with these settings.
pub async fn serve_with(
    store: Store,
    org: OrganisationId,
    tag: String,
    settings: Settings,
) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let served = store.clone();
    tokio::spawn(async move { wikken_web::serve(listener, served, &settings).await });
    TestApp {
        address,
        store,
        org,
        tag,
    }
}

/// Moves the login time of every session in the database `seconds` back,
/// as if that much time had passed since the logins.
pub async fn age_sessions(url: &str, seconds: i64) {
    use sqlx::Row;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let rows = sqlx::query("SELECT id, data FROM sessions")
        .fetch_all(&pool)
        .await
        .unwrap();
    // The record is edited as text: it holds the session id as a 128-bit
    // number, which a JSON value would round to a float.
    let key = format!("\"{}\":", wikken_web::auth::LOGGED_IN_AT);
    for row in rows {
        let id: String = row.get(0);
        let data: String = row.get(1);
        let Some(at) = data.find(&key).map(|i| i + key.len()) else {
            continue;
        };
        let end = at + data[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
        let when: i64 = data[at..end].parse().unwrap();
        let aged = format!("{}{}{}", &data[..at], when - seconds, &data[end..]);
        sqlx::query("UPDATE sessions SET data = $1 WHERE id = $2")
            .bind(aged)
            .bind(id)
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
}
