//! The organisation's users; a beheerder adds them.

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_storage::NewUser;

use crate::AppState;
use crate::auth::{Role, hash_password};
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};

/// The new-user form.
#[derive(Debug, Deserialize, Default)]
pub struct UserForm {
    #[serde(default)]
    naam: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    rol: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// Shortest password accepted.
const MIN_PASSWORD: usize = 12;

async fn page(
    app: &AppState,
    ctx: &Ctx,
    form: &UserForm,
    errors: &[(&str, String)],
    added: Option<&str>,
) -> Result<Markup, AppError> {
    let users = app.store.users(&ctx.user.org).await?;
    let err = |field: &str| {
        errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };
    Ok(layout::page(
        ctx,
        Section::Users,
        "Gebruikers",
        html! {
            h1 { "Gebruikers van " (ctx.org_name) }
            @if let Some(name) = added {
                div.notice.notice-success role="status" { p { (name) " is toegevoegd en kan nu inloggen." } }
            }
            div.table-wrap { table {
                thead { tr { th scope="col" { "Naam" } th scope="col" { "E-mailadres" } th scope="col" { "Rol" } } }
                tbody { @for u in &users { tr { td { (u.name) } td { (u.email) } td { (u.role) } } } }
            } }
            h2 { "Gebruiker toevoegen" }
            @if !errors.is_empty() {
                div.notice.notice-error role="alert" { h3 { "Niet toegevoegd" } ul { @for (f, m) in errors { li { a href=(format!("#{f}")) { (m) } } } } }
            }
            form.stack method="post" action="/beheer/gebruikers" {
                (csrf_field(ctx))
                div.field {
                    label for="naam" { "Naam" }
                    input #naam type="text" name="naam" required value=(form.naam) aria-invalid=[err("naam").map(|_| "true")];
                }
                div.field {
                    label for="email" { "E-mailadres" }
                    input #email type="email" name="email" required value=(form.email) aria-invalid=[err("email").map(|_| "true")];
                }
                div.field {
                    label for="rol" { "Rol" }
                    select #rol name="rol" {
                        option value="lezer" selected[form.rol == "lezer" || form.rol.is_empty()] { "Lezer: bekijkt de monitor" }
                        option value="strateeg" selected[form.rol == "strateeg"] { "Strateeg: importeert gegevens en stelt het signaal in" }
                        option value="beheerder" selected[form.rol == "beheerder"] { "Beheerder: ook gebruikers beheren" }
                    }
                }
                div.field {
                    label for="wachtwoord" { "Eerste wachtwoord " span.hint { "(minstens " (MIN_PASSWORD) " tekens; geef het veilig door)" } }
                    input #wachtwoord type="password" name="wachtwoord" autocomplete="new-password" required minlength=(MIN_PASSWORD) aria-invalid=[err("wachtwoord").map(|_| "true")];
                }
                div { button type="submit" { "Toevoegen" } }
            }
        },
    ))
}

/// GET /beheer/gebruikers
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    if !ctx.user.role.can_manage_users() {
        return Err(AppError::forbidden());
    }
    page(&app, &ctx, &UserForm::default(), &[], None).await
}

/// POST /beheer/gebruikers
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Form(f): Form<UserForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    if !ctx.user.role.can_manage_users() {
        return Err(AppError::forbidden());
    }
    let mut errors: Vec<(&str, String)> = Vec::new();
    if f.naam.trim().is_empty() {
        errors.push(("naam", "Vul een naam in.".into()));
    }
    let email = f.email.trim();
    if !(email.contains('@')
        && !email.starts_with('@')
        && !email.ends_with('@')
        && !email.contains(char::is_whitespace))
    {
        errors.push(("email", format!("\"{email}\" is geen e-mailadres.")));
    }
    let role = Role::parse(&f.rol);
    if role.is_none() {
        errors.push(("rol", "Kies een rol.".into()));
    }
    if f.wachtwoord.chars().count() < MIN_PASSWORD {
        errors.push((
            "wachtwoord",
            format!("Het wachtwoord moet minstens {MIN_PASSWORD} tekens hebben."),
        ));
    }
    if errors.is_empty() {
        let hash = {
            let p = f.wachtwoord.clone();
            tokio::task::spawn_blocking(move || hash_password(&p))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?
        };
        let new = NewUser {
            email,
            name: &f.naam,
            role: role.map_or("lezer", Role::as_str),
            password_hash: &hash,
        };
        match app.store.create_user(&ctx.user.org, &new).await? {
            Some(u) => {
                return Ok(page(&app, &ctx, &UserForm::default(), &[], Some(&u.name))
                    .await?
                    .into_response());
            }
            None => errors.push((
                "email",
                format!("Er is al een gebruiker met e-mailadres {email}."),
            )),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&app, &ctx, &f, &errors, None).await?,
    )
        .into_response())
}
