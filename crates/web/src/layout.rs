//! The page shell every page shares: skip link, header with the
//! organisation (and a plain "fictief" label on demo data), navigation,
//! main content and footer.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::response::Response;
use maud::{DOCTYPE, Markup, html};

use crate::AppState;
use crate::auth::{CurrentUser, User};
use crate::csrf::Csrf;
use crate::error::AppError;

/// The navigation sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Wijkmonitor (gemeenten, kaarten, buurten).
    Monitor,
    /// Signalen "onder druk".
    Signals,
    /// Afwegingen (cases).
    Cases,
    /// De interventiecatalogus.
    Catalogue,
    /// Gegevens importeren.
    Import,
    /// Prestatieafspraken (sturen).
    Agreements,
    /// Gebruikers beheren.
    Users,
    /// The corporation's partner organisations and what it shares.
    Partners,
    /// A partner's home: what corporations shared with it.
    Shared,
    /// The user's own account.
    Account,
}

/// Everything a page needs about who is looking.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The signed-in user.
    pub user: User,
    /// The organisation's name.
    pub org_name: String,
    /// True when the organisation's data is the fictional demo.
    pub fictional: bool,
    /// The CSRF token for forms on the page.
    pub csrf: String,
}

impl<S> FromRequestParts<S> for Ctx
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        use axum::response::IntoResponse;
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        let csrf = Csrf::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let app = AppState::from_ref(state);
        let org = app
            .store
            .organisation(&user.org)
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        Ok(Ctx {
            user,
            org_name: org.name,
            fictional: org.fictional,
            csrf: csrf.0,
        })
    }
}

/// A hidden field with the form's CSRF token.
pub fn csrf_field(ctx: &Ctx) -> Markup {
    csrf_input(&ctx.csrf)
}

/// A hidden field with this CSRF token (for a template that has only its
/// view model).
pub fn csrf_input(token: &str) -> Markup {
    html! { input type="hidden" name="_csrf" value=(token); }
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Wikken" }
            link rel="stylesheet" href=(crate::assets::CSS_URL);
            link rel="icon" href="/static/wikken.svg" type="image/svg+xml";
            script src=(crate::assets::JS_URL) defer {}
        }
    }
}

/// The main navigation: a corporation's sections, or for a partner's
/// user only what was shared with it.
fn navigation(ctx: &Ctx) -> Vec<(Section, &'static str, &'static str)> {
    if ctx.user.is_partner() {
        return vec![
            (
                Section::Shared,
                crate::partner_gate::PARTNER_HOME,
                "Gedeeld met u",
            ),
            (
                Section::Agreements,
                "/prestatieafspraken",
                "Prestatieafspraken",
            ),
        ];
    }
    let role = ctx.user.role;
    [
        (Section::Monitor, "/monitor", "Wijkmonitor", true),
        (Section::Signals, "/signalen", "Signalen", true),
        (Section::Cases, "/afwegingen", "Afwegingen", true),
        (
            Section::Agreements,
            "/prestatieafspraken",
            "Prestatieafspraken",
            true,
        ),
        (Section::Catalogue, "/catalogus", "Catalogus", true),
        (Section::Import, "/import", "Gegevens importeren", true),
        (Section::Partners, "/partners", "Partners", role.can_edit()),
        (
            Section::Users,
            "/beheer/gebruikers",
            "Gebruikers",
            role.can_manage_users(),
        ),
    ]
    .into_iter()
    .filter(|(_, _, _, show)| *show)
    .map(|(s, href, label, _)| (s, href, label))
    .collect()
}

/// A full page for a signed-in user.
pub fn page(ctx: &Ctx, section: Section, title: &str, body: Markup) -> Markup {
    let nav = navigation(ctx);
    html! {
        (DOCTYPE)
        html lang="nl" {
            (head(title))
            body {
                a.skip-link href="#inhoud" { "Direct naar de inhoud" }
                header.site-header {
                    div.header-inner {
                        a.logo href=(ctx.user.home()) { span.logo-mark aria-hidden="true" { "W" } "Wikken" }
                        div.org {
                            span.org-name { (ctx.org_name) }
                            @if ctx.fictional {
                                " "
                                span.badge.badge-fictief title="Alle gegevens van deze organisatie zijn verzonnen, voor demonstratie." {
                                    "Fictieve demogegevens"
                                }
                            }
                        }
                        form.logout method="post" action="/uitloggen" {
                            (csrf_field(ctx))
                            a.user href=(crate::auth::CHANGE_PASSWORD_PATH) title="Mijn account: wachtwoord wijzigen" { (ctx.user.name) " (" (ctx.user.role.as_str()) ")" }
                            " "
                            button.link-button type="submit" { "Uitloggen" }
                        }
                    }
                    nav.site-nav aria-label="Hoofdmenu" {
                        ul {
                            @for (s, href, label) in nav {
                                li {
                                    a href=(href) aria-current=[(s == section).then_some("page")] { (label) }
                                }
                            }
                        }
                    }
                }
                main #inhoud tabindex="-1" { (body) }
                (footer())
            }
        }
    }
}

/// A page without navigation (login, errors).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            (head(title))
            body {
                a.skip-link href="#inhoud" { "Direct naar de inhoud" }
                header.site-header {
                    div.header-inner {
                        a.logo href="/" { span.logo-mark aria-hidden="true" { "W" } "Wikken" }
                    }
                }
                main #inhoud.narrow tabindex="-1" { (body) }
                (footer())
            }
        }
    }
}

fn footer() -> Markup {
    html! {
        footer.site-footer {
            p { "Wikken · beslisondersteuning voor woningcorporaties · bronnen: CBS Kerncijfers wijken en buurten, PDOK, eigen gegevens van de corporatie" }
        }
    }
}

/// A breadcrumb trail: `(label, href)` pairs, the last one the current page.
pub fn breadcrumbs(items: &[(&str, Option<String>)]) -> Markup {
    html! {
        nav.breadcrumbs aria-label="Kruimelpad" {
            ol {
                @for (label, href) in items {
                    li {
                        @match href {
                            Some(h) => a href=(h) { (label) },
                            None => span aria-current="page" { (label) },
                        }
                    }
                }
            }
        }
    }
}

/// The box around a table that may be wider than the page (on a phone, a
/// tablet): it scrolls sideways by itself instead of the page. Because it
/// can scroll, it is a named region that takes keyboard focus (WCAG 2.1.1,
/// axe's `scrollable-region-focusable`), so arrow keys scroll it too.
/// `label` names the table in Dutch ("MKBA per optie"); every scrolling
/// table in the app goes through here.
pub fn table_wrap(label: &str, table: Markup) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(label) { (table) }
    }
}
