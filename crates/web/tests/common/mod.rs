//! Starting the real server on a random port with a real database, and a
//! browser-like client (cookies, CSRF tokens from the forms).

#![allow(dead_code)]

pub mod browser;
pub mod case_steps;

use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};
use wikken_storage::{NewUser, OrganisationId, Store, UserRole};
use wikken_web::{Settings, hash_password, seed};

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

/// A fresh SQLite file that lives as long as the test process.
pub fn sqlite_url() -> String {
    let dir = tempfile::tempdir().unwrap().keep();
    format!("sqlite:{}", dir.join("wikken.db").display())
}

/// The databases to run on: SQLite, and PostgreSQL when configured.
pub fn database_urls() -> Vec<String> {
    let mut out = vec![sqlite_url()];
    match std::env::var("WIKKEN_TEST_POSTGRES_URL") {
        Ok(url) => out.push(url),
        Err(_) if std::env::var("WIKKEN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("WIKKEN_REQUIRE_POSTGRES=1 but WIKKEN_TEST_POSTGRES_URL is not set")
        }
        Err(_) => eprintln!("skipped PostgreSQL: WIKKEN_TEST_POSTGRES_URL is not set"),
    }
    out
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
    let tag = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    let demo = wikken_data::demo::demo();
    let org = store
        .create_organisation(&format!("{} {tag}", demo.corporation_name))
        .await
        .unwrap();
    store.mark_fictional(&org).await.unwrap();
    seed::load_demo(&store, &org, &demo).await.expect("demo");
    add_users(&store, &org, &tag).await;
    serve_with(store, org, tag, settings).await
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

/// A client that keeps cookies and does not follow redirects.
pub struct Browser {
    pub client: Client,
    pub base: String,
}

/// The temporary password a page shows once (`<code class="secret">`).
pub fn temporary_password_in(html: &str) -> String {
    let start = html
        .find("<code class=\"secret\">")
        .expect("a temporary password")
        + 21;
    html[start..start + html[start..].find('<').unwrap()].to_string()
}

/// The value of the first `name="_csrf"` field in a page.
pub fn csrf_in(html: &str) -> String {
    let at = html
        .find("name=\"_csrf\" value=\"")
        .expect("a form with a CSRF token");
    let rest = &html[at + "name=\"_csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

impl Browser {
    /// A fresh browser for `base`.
    pub fn new(base: &str) -> Browser {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .unwrap();
        Browser {
            client,
            base: base.to_string(),
        }
    }

    /// GET a path.
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// GET a path and its body, asserting the status.
    pub async fn page(&self, path: &str, status: StatusCode) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), status, "GET {path}");
        r.text().await.unwrap()
    }

    /// A CSRF token, from a page with a form.
    pub async fn csrf(&self, page: &str) -> String {
        csrf_in(&self.page(page, StatusCode::OK).await)
    }

    /// POSTs a form (fields as pairs; the CSRF token is added from `page`).
    pub async fn post_form(&self, page: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf(page).await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", &token)];
        all.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    /// Logs in.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_form(
            "/inloggen",
            "/inloggen",
            &[
                ("email", email),
                ("password", password),
                ("volgende", "/monitor"),
            ],
        )
        .await
    }

    /// Uploads files on the import page.
    pub async fn upload(
        &self,
        kind: &str,
        year: Option<i32>,
        files: &[(&str, Vec<u8>)],
    ) -> Response {
        let token = self.csrf("/import").await;
        let mut form = reqwest::multipart::Form::new()
            .text("_csrf", token)
            .text("soort", kind.to_string())
            .text("jaar", year.map(|y| y.to_string()).unwrap_or_default());
        for (name, bytes) in files {
            form = form.part(
                "bestand",
                reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
            );
        }
        self.client
            .post(format!("{}/import", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
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
