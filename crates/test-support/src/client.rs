//! A browser-like HTTP client for the real server: it keeps cookies, does
//! not follow redirects, and takes CSRF tokens from the forms it is shown.

use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};

/// A client that keeps cookies and does not follow redirects.
pub struct Browser {
    /// The HTTP client with its cookie jar.
    pub client: Client,
    /// `http://127.0.0.1:PORT`
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
