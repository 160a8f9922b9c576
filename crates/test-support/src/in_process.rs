//! The whole app in process: the real router over a real database, called
//! with `tower::ServiceExt::oneshot` (no port, no HTTP client), with a
//! cookie jar so that a test logs in and submits forms as a browser does.

use std::collections::BTreeMap;
use std::sync::Mutex;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;
use wikken_storage::{OrganisationId, Store};
use wikken_web::Settings;

use crate::html::{self, Form};
use crate::server::{PASSWORD, demo_organisation};

/// The app in process, with its database and the demo organisation.
pub struct InProcess {
    router: Router,
    /// Its database.
    pub store: Store,
    /// The demo organisation.
    pub org: OrganisationId,
    /// E-mail prefix of this app's users.
    pub tag: String,
}

/// One answer: status, where it redirects to, and its body as text.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The `Location` header, if any.
    pub location: Option<String>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body (lossy UTF-8).
    pub body: String,
    /// The body as sent (for downloads: PDF, XLSX).
    pub bytes: Vec<u8>,
}

impl Answer {
    /// The body, after asserting the status (showing the body if not).
    pub fn expect(&self, status: StatusCode, what: &str) -> &str {
        assert_eq!(self.status, status, "{what}: {}", self.body);
        &self.body
    }

    /// The redirect target, after asserting a 303.
    pub fn redirect(&self, what: &str) -> &str {
        self.expect(StatusCode::SEE_OTHER, what);
        self.location.as_deref().expect("a Location header")
    }
}

/// A user of the app in process: a cookie jar over the shared router.
pub struct Visitor<'a> {
    app: &'a InProcess,
    cookies: Mutex<BTreeMap<String, String>>,
}

impl InProcess {
    /// The app over `url` with a new demo organisation and its three users.
    pub async fn start(url: &str) -> InProcess {
        let store = Store::connect(url).await.expect("database");
        let (org, tag) = demo_organisation(&store).await;
        InProcess {
            router: wikken_web::router(store.clone(), &Settings::default()),
            store,
            org,
            tag,
        }
    }

    /// A visitor without a session.
    pub fn visitor(&self) -> Visitor<'_> {
        Visitor {
            app: self,
            cookies: Mutex::new(BTreeMap::new()),
        }
    }

    /// A visitor logged in as this app's user with `role` (beheerder,
    /// strateeg or lezer).
    pub async fn logged_in(&self, role: &str) -> Visitor<'_> {
        let v = self.visitor();
        let page = v.get("/inloggen").await;
        let mut login = html::form(page.expect(StatusCode::OK, "GET /inloggen"), "/inloggen");
        login
            .set("email", &format!("{role}-{}@test.wikken.nl", self.tag))
            .set("password", PASSWORD);
        v.submit(&login).await.redirect("login");
        v
    }
}

impl Visitor<'_> {
    /// GETs a path.
    pub async fn get(&self, path: &str) -> Answer {
        self.send(Request::get(path), Body::empty()).await
    }

    /// GETs a page and asserts 200.
    pub async fn page(&self, path: &str) -> String {
        self.get(path)
            .await
            .expect(StatusCode::OK, &format!("GET {path}"))
            .to_string()
    }

    /// POSTs urlencoded fields.
    pub async fn post(&self, path: &str, fields: &[(String, String)]) -> Answer {
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.send(
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
    }

    /// POSTs fields as `multipart/form-data` (as a form with a file input
    /// sends them; no file here).
    pub async fn post_multipart(&self, path: &str, fields: &[(String, String)]) -> Answer {
        const BOUNDARY: &str = "wikken-test-boundary-7d1f";
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!("--{BOUNDARY}--\r\n"));
        self.send(
            Request::post(path).header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ),
            Body::from(body),
        )
        .await
    }

    /// POSTs fields and files (field name, file name, bytes) as
    /// `multipart/form-data`, as a form with a file input sends them.
    pub async fn post_files(
        &self,
        path: &str,
        fields: &[(String, String)],
        files: &[(&str, &str, &[u8])],
    ) -> Answer {
        const BOUNDARY: &str = "wikken-test-boundary-7d1f";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (field, file, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; \
                     filename=\"{file}\"\r\nContent-Type: text/csv\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        self.send(
            Request::post(path).header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ),
            Body::from(body),
        )
        .await
    }

    /// The app this visitor uses.
    pub fn app(&self) -> &InProcess {
        self.app
    }

    /// Starts an afweging about the demo's first buurt with `question`, as
    /// the "Nieuwe afweging" form does; its path (`/afwegingen/{id}`).
    pub async fn start_case(&self, question: &str) -> String {
        self.fill(
            "/afwegingen/nieuw",
            "/afwegingen/nieuw",
            &[
                ("question", question),
                ("gebied", &crate::first_buurt()),
                ("level", "wijk"),
            ],
        )
        .await
        .redirect("new afweging")
        .to_string()
    }

    /// Submits a form as the page would.
    pub async fn submit(&self, form: &Form) -> Answer {
        self.post(&form.action, &form.fields).await
    }

    /// The form to `action` on the page at `path`, as shown.
    pub async fn form(&self, path: &str, action: &str) -> Form {
        html::form(&self.page(path).await, action)
    }

    /// Fills in the form to `action` on the page at `path` (typing into
    /// its fields, adding those the page adds with script or a tick) and
    /// submits it.
    pub async fn fill(&self, path: &str, action: &str, fields: &[(&str, &str)]) -> Answer {
        let mut form = self.form(path, action).await;
        for (name, value) in fields {
            if form.get(name).is_some() {
                form.set(name, value);
            } else {
                form.tick(name, value);
            }
        }
        self.submit(&form).await
    }

    async fn send(&self, request: axum::http::request::Builder, body: Body) -> Answer {
        let cookie = {
            let jar = self.cookies.lock().unwrap();
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut request = request;
        if !cookie.is_empty() {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self
            .app
            .router
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        {
            let mut jar = self.cookies.lock().unwrap();
            for set in response.headers().get_all(header::SET_COOKIE) {
                let pair = set.to_str().unwrap().split(';').next().unwrap();
                if let Some((k, v)) = pair.split_once('=') {
                    if set.to_str().unwrap().contains("Max-Age=0") {
                        jar.remove(k);
                    } else {
                        jar.insert(k.to_string(), v.to_string());
                    }
                }
            }
        }
        let text = |h: header::HeaderName| {
            response
                .headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let status = response.status();
        let location = text(header::LOCATION);
        let content_type = text(header::CONTENT_TYPE);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            location,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }
}
