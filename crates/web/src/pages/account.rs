//! The user's own account: changing their password (also the page a
//! temporary password leads to). Every other session of the user ends; the
//! one in use goes on.

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::accounts::{check_new_password, hash_through};
use crate::auth::{AuthSession, User, verify_password};
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};

/// The password form.
#[derive(Debug, Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    huidig: String,
    #[serde(default)]
    nieuw: String,
    #[serde(default)]
    herhaling: String,
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

fn page(ctx: &Ctx, errors: &[(&str, String)], done: bool) -> Markup {
    let err = |field: &str| {
        errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    };
    let max = wikken_core::password::MAX_CHARS;
    layout::page(
        ctx,
        Section::Account,
        "Wachtwoord wijzigen",
        html! {
            h1 { "Wachtwoord wijzigen" }
            p { (ctx.user.name) " · " (ctx.user.email) " · " (ctx.org_name) }
            @if done {
                div.notice.notice-success role="status" {
                    p { "Uw wachtwoord is gewijzigd. Waar u elders nog was ingelogd, bent u nu uitgelogd." }
                    p { a href=(ctx.user.home()) { @if ctx.user.is_partner() { "Verder naar wat met u gedeeld is" } @else { "Verder naar de wijkmonitor" } } }
                }
            } @else if ctx.user.must_change_password {
                div.notice role="status" {
                    p { "U bent ingelogd met een tijdelijk wachtwoord. Kies eerst een eigen wachtwoord." }
                }
            }
            @if !errors.is_empty() {
                div.notice.notice-error role="alert" {
                    h2 { "Niet gewijzigd" }
                    ul { @for (f, m) in errors { li { a href=(format!("#{f}")) { (m) } } } }
                }
            }
            form.stack method="post" action=(crate::auth::CHANGE_PASSWORD_PATH) {
                (csrf_field(ctx))
                // For password managers: whose password this is.
                input type="email" name="gebruiker" autocomplete="username" value=(ctx.user.email) hidden readonly;
                div.field {
                    label for="huidig" { "Huidig wachtwoord" }
                    input #huidig type="password" name="huidig" autocomplete="current-password" required maxlength=(max)
                        aria-invalid=[err("huidig").map(|_| "true")];
                    @if let Some(m) = err("huidig") { p.field-error { (m) } }
                }
                div.field {
                    label for="nieuw" { "Nieuw wachtwoord " span.hint { "(minstens " (wikken_core::password::MIN_CHARS) " tekens; een zin van een paar losse woorden is sterk en makkelijk te onthouden)" } }
                    input #nieuw type="password" name="nieuw" autocomplete="new-password" required
                        minlength=(wikken_core::password::MIN_CHARS) maxlength=(max)
                        aria-invalid=[err("nieuw").map(|_| "true")];
                    @if let Some(m) = err("nieuw") { p.field-error { (m) } }
                }
                div.field {
                    label for="herhaling" { "Nieuw wachtwoord nog eens" }
                    input #herhaling type="password" name="herhaling" autocomplete="new-password" required maxlength=(max)
                        aria-invalid=[err("herhaling").map(|_| "true")];
                    @if let Some(m) = err("herhaling") { p.field-error { (m) } }
                }
                div { button type="submit" { "Wachtwoord wijzigen" } }
            }
        },
    )
}

/// GET /account/wachtwoord
pub async fn password_form(ctx: Ctx) -> Markup {
    page(&ctx, &[], false)
}

/// POST /account/wachtwoord
pub async fn change_password(
    State(app): State<AppState>,
    mut session: AuthSession,
    ctx: Ctx,
    csrf: Csrf,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    let busy = |_| AppError::Unavailable {
        message: "Het is nu erg druk. Probeer het over enkele seconden opnieuw.".into(),
        retry_after: 5,
    };
    let mut errors: Vec<(&str, String)> = Vec::new();
    let row = app
        .store
        .user_by_id(&ctx.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (current, hash) = (f.huidig.clone(), row.password_hash.clone());
    let current_ok = app
        .passwords
        .run(move || verify_password(&current, &hash))
        .await
        .map_err(busy)?;
    if !current_ok {
        errors.push(("huidig", "Het huidige wachtwoord klopt niet.".into()));
    }
    if let Err(problem) =
        check_new_password(&f.nieuw, &ctx.user.email, &ctx.user.name, &ctx.org_name)
    {
        errors.push(("nieuw", problem.to_string()));
    } else if f.nieuw == f.huidig {
        errors.push(("nieuw", "Kies een ander wachtwoord dan het huidige.".into()));
    }
    if f.herhaling != f.nieuw {
        errors.push((
            "herhaling",
            "De twee nieuwe wachtwoorden zijn niet gelijk.".into(),
        ));
    }
    if !errors.is_empty() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&ctx, &errors, false)).into_response());
    }
    let hash = hash_through(&app.passwords, &f.nieuw).await.map_err(busy)?;
    if !app.store.set_password(&ctx.user.id, &hash, false).await? {
        return Err(AppError::NotFound);
    }
    // The new hash ends every session of the old one (axum-login compares
    // it on each request); this session logs in again with it.
    let user = app
        .store
        .user_by_id(&ctx.user.id)
        .await?
        .and_then(User::from_enabled_row)
        .ok_or(AppError::NotFound)?;
    session
        .login(&user)
        .await
        .map_err(|e| AppError::failed("opnieuw inloggen na wachtwoordwijziging", e))?;
    let ctx = Ctx {
        user,
        csrf: crate::csrf::renew(&session.session).await?.0,
        ..ctx
    };
    Ok(page(&ctx, &[], true).into_response())
}
