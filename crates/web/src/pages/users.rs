//! The organisation's users, managed by a beheerder through their whole
//! life: added (with a temporary password to pass on), given another role,
//! disabled (their sessions end at once) and enabled again, and a new
//! temporary password when theirs is lost. The organisation always keeps
//! an enabled beheerder.

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use wikken_storage::{AccountChange, AccountChangeOutcome, NewUser, UserId, UserRow};

use crate::AppState;
use crate::accounts::{hash_through, temporary_password};
use crate::auth::UserRole;
use crate::csrf::Csrf;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section, csrf_field};

/// Longest name and e-mail address accepted.
const MAX_NAME: usize = 200;
const MAX_EMAIL: usize = 254;

/// The new-user form.
#[derive(Debug, Deserialize, Default)]
pub struct UserForm {
    #[serde(default)]
    naam: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    rol: String,
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// A form with only its token (the buttons on a user's row).
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// The role form on a user's row.
#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    rol: String,
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// What the page says at the top after an action.
enum Notice {
    /// A message.
    Done(String),
    /// A temporary password to pass on, with whose it is.
    Password { name: String, password: String },
    /// A refusal.
    Refused(String),
}

const ROLES: [(UserRole, &str); 3] = [
    (
        UserRole::Reader,
        "Lezer: bekijkt de monitor en de afwegingen",
    ),
    (
        UserRole::Strategist,
        "Strateeg: importeert gegevens, werkt afwegingen uit",
    ),
    (
        UserRole::Admin,
        "Beheerder: ook gebruikers en de catalogus beheren",
    ),
];

fn row_actions(ctx: &Ctx, u: &UserRow) -> Markup {
    let base = format!("/beheer/gebruikers/{}", u.id);
    let me = u.id == ctx.user.id;
    html! {
        div.row-actions {
            form.inline-form method="post" action=(format!("{base}/rol")) {
                (csrf_field(ctx))
                label.visually-hidden for=(format!("rol-{}", u.id)) { "Rol van " (u.name) }
                select id=(format!("rol-{}", u.id)) name="rol" {
                    @for (r, _) in ROLES { option value=(r.as_str()) selected[u.role == r] { (r.as_str()) } }
                }
                " "
                button.button-secondary type="submit" { "Rol wijzigen" }
            }
            @if !me {
                @if u.disabled {
                    form.inline-form method="post" action=(format!("{base}/inschakelen")) {
                        (csrf_field(ctx))
                        button.button-secondary type="submit" { "Inschakelen" }
                    }
                } @else {
                    form.inline-form method="post" action=(format!("{base}/uitschakelen")) {
                        (csrf_field(ctx))
                        button.button-secondary type="submit" { "Uitschakelen" }
                    }
                }
                form.inline-form method="post" action=(format!("{base}/wachtwoord")) {
                    (csrf_field(ctx))
                    button.button-secondary type="submit" { "Tijdelijk wachtwoord geven" }
                }
            }
        }
    }
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    form: &UserForm,
    errors: &[(&str, String)],
    notice: Option<Notice>,
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
            @match &notice {
                Some(Notice::Done(text)) => div.notice.notice-success role="status" { p { (text) } },
                Some(Notice::Password { name, password }) => div.notice.notice-success role="status" {
                    p { "Tijdelijk wachtwoord voor " strong { (name) } ":" }
                    p { code.secret { (password) } }
                    p { "Geef het veilig door (niet in dezelfde e-mail als het e-mailadres). Het wordt niet opnieuw getoond; bij de eerste keer inloggen kiest " (name) " een eigen wachtwoord." }
                },
                Some(Notice::Refused(text)) => div.notice.notice-error role="alert" { p { (text) } },
                None => {},
            }
            (layout::table_wrap("Gebruikers", html! { table {
                caption { "Gebruikers, hun rol en wat u met hun account kunt doen" }
                thead { tr {
                    th scope="col" { "Naam" } th scope="col" { "E-mailadres" } th scope="col" { "Rol" }
                    th scope="col" { "Status" } th scope="col" { "Beheren" }
                } }
                tbody { @for u in &users { tr {
                    td { (u.name) @if u.id == ctx.user.id { " (u)" } }
                    td { (u.email) }
                    td { (u.role) }
                    td {
                        @if u.disabled { span.badge { "uitgeschakeld" } }
                        @else if u.must_change_password { "tijdelijk wachtwoord" }
                        @else { "actief" }
                    }
                    td { (row_actions(ctx, u)) }
                } } }
            } }))
            h2 { "Gebruiker toevoegen" }
            p { "De nieuwe gebruiker krijgt een tijdelijk wachtwoord, dat u na het toevoegen ziet en veilig doorgeeft." }
            @if !errors.is_empty() {
                div.notice.notice-error role="alert" { h3 { "Niet toegevoegd" } ul { @for (f, m) in errors { li { a href=(format!("#{f}")) { (m) } } } } }
            }
            form.stack method="post" action="/beheer/gebruikers" {
                (csrf_field(ctx))
                div.field {
                    label for="naam" { "Naam" }
                    input #naam type="text" name="naam" required maxlength=(MAX_NAME) value=(form.naam) aria-invalid=[err("naam").map(|_| "true")];
                }
                div.field {
                    label for="email" { "E-mailadres" }
                    input #email type="email" name="email" required maxlength=(MAX_EMAIL) value=(form.email) aria-invalid=[err("email").map(|_| "true")];
                }
                div.field {
                    label for="rol" { "Rol" }
                    select #rol name="rol" {
                        @for (r, label) in ROLES {
                            option value=(r.as_str()) selected[form.rol == r.as_str() || (form.rol.is_empty() && r == UserRole::Reader)] { (label) }
                        }
                    }
                }
                div { button type="submit" { "Toevoegen" } }
            }
        },
    ))
}

fn only_beheerder(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.user.role.can_manage_users() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

fn busy(_: crate::gate::Full) -> AppError {
    AppError::Unavailable {
        message: "Het is nu erg druk. Probeer het over enkele seconden opnieuw.".into(),
        retry_after: 5,
    }
}

/// GET /beheer/gebruikers
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Markup, AppError> {
    only_beheerder(&ctx)?;
    page(&app, &ctx, &UserForm::default(), &[], None).await
}

/// Whether an e-mail address looks like one (the server cannot send mail
/// to check it; this catches typing mistakes).
pub(crate) fn plausible_email(email: &str) -> bool {
    let mut parts = email.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        _ => false,
    }
}

/// POST /beheer/gebruikers
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Form(f): Form<UserForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    only_beheerder(&ctx)?;
    let mut errors: Vec<(&str, String)> = Vec::new();
    let name = f.naam.trim();
    if name.is_empty() {
        errors.push(("naam", "Vul een naam in.".into()));
    } else if name.chars().count() > MAX_NAME {
        errors.push((
            "naam",
            format!("Een naam heeft hoogstens {MAX_NAME} tekens."),
        ));
    }
    let email = f.email.trim();
    if email.chars().count() > MAX_EMAIL || !plausible_email(email) {
        errors.push((
            "email",
            format!(
                "\"{}\" is geen e-mailadres.",
                email.chars().take(60).collect::<String>()
            ),
        ));
    }
    let role = UserRole::parse(&f.rol);
    if role.is_none() {
        errors.push(("rol", "Kies een rol.".into()));
    }
    if let (true, Some(role)) = (errors.is_empty(), role) {
        let password = temporary_password();
        let hash = hash_through(&app.passwords, &password)
            .await
            .map_err(busy)?;
        let new = NewUser {
            email,
            name,
            role,
            password_hash: &hash,
            must_change_password: true,
        };
        match app.store.create_user(&ctx.user.org, &new).await? {
            Some(u) => {
                let notice = Notice::Password {
                    name: u.name,
                    password,
                };
                return Ok(page(&app, &ctx, &UserForm::default(), &[], Some(notice))
                    .await?
                    .into_response());
            }
            // Only this organisation's users count: whether the address
            // has an account elsewhere is not this beheerder's business.
            None => errors.push((
                "email",
                format!("{email} is al een gebruiker van {}.", ctx.org_name),
            )),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&app, &ctx, &f, &errors, None).await?,
    )
        .into_response())
}

/// Applies a change to a user of the beheerder's organisation and shows
/// the list with what happened.
async fn change(
    app: &AppState,
    ctx: &Ctx,
    id: &UserId,
    change: AccountChange,
    done: impl FnOnce(&UserRow) -> String,
) -> Result<Response, AppError> {
    let Some(user) = app
        .store
        .users(&ctx.user.org)
        .await?
        .into_iter()
        .find(|u| &u.id == id)
    else {
        return Err(AppError::NotFound);
    };
    let outcome = app.store.change_account(&ctx.user.org, id, change).await?;
    let (status, notice) = match outcome {
        AccountChangeOutcome::Done => (StatusCode::OK, Notice::Done(done(&user))),
        AccountChangeOutcome::NotFound => return Err(AppError::NotFound),
        AccountChangeOutcome::LastBeheerder => (
            StatusCode::CONFLICT,
            Notice::Refused(format!(
                "Dat kan niet: {} is de enige actieve beheerder van {}. Maak eerst iemand anders beheerder.",
                user.name, ctx.org_name
            )),
        ),
    };
    // After changing one's own role the page may no longer be one's to see.
    if *id == ctx.user.id && outcome == AccountChangeOutcome::Done {
        return Ok(axum::response::Redirect::to("/monitor").into_response());
    }
    Ok((
        status,
        page(app, ctx, &UserForm::default(), &[], Some(notice)).await?,
    )
        .into_response())
}

/// POST /beheer/gebruikers/{id}/rol
pub async fn change_role(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(f): Form<RoleForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    only_beheerder(&ctx)?;
    let Some(role) = UserRole::parse(&f.rol) else {
        return Err(AppError::Status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Kies een rol: lezer, strateeg of beheerder.".into(),
        ));
    };
    change(&app, &ctx, &id.into(), AccountChange::Role(role), |u| {
        format!("{} is nu {}.", u.name, role.as_str())
    })
    .await
}

/// POST /beheer/gebruikers/{id}/uitschakelen
pub async fn disable(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(f): Form<TokenForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    only_beheerder(&ctx)?;
    if ctx.user.id == id.as_str() {
        return Err(AppError::Status(
            StatusCode::CONFLICT,
            "U kunt uw eigen account niet uitschakelen. Vraag een andere beheerder.".into(),
        ));
    }
    change(&app, &ctx, &id.into(), AccountChange::Disabled(true), |u| {
        format!("{} is uitgeschakeld en overal uitgelogd.", u.name)
    })
    .await
}

/// POST /beheer/gebruikers/{id}/inschakelen
pub async fn enable(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(f): Form<TokenForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    only_beheerder(&ctx)?;
    change(
        &app,
        &ctx,
        &id.into(),
        AccountChange::Disabled(false),
        |u| format!("{} kan weer inloggen.", u.name),
    )
    .await
}

/// POST /beheer/gebruikers/{id}/wachtwoord: a temporary password, shown
/// once; the user's sessions end (the hash changed).
pub async fn reset_password(
    State(app): State<AppState>,
    ctx: Ctx,
    csrf: Csrf,
    Path(id): Path<String>,
    Form(f): Form<TokenForm>,
) -> Result<Response, AppError> {
    csrf.check(&f.csrf)?;
    only_beheerder(&ctx)?;
    if ctx.user.id == id.as_str() {
        return Err(AppError::Status(
            StatusCode::CONFLICT,
            "Uw eigen wachtwoord wijzigt u onder uw naam, rechtsboven.".into(),
        ));
    }
    let Some(user) = app
        .store
        .users(&ctx.user.org)
        .await?
        .into_iter()
        .find(|u| u.id == id.as_str())
    else {
        return Err(AppError::NotFound);
    };
    let password = temporary_password();
    let hash = hash_through(&app.passwords, &password)
        .await
        .map_err(busy)?;
    if !app.store.set_password(&user.id, &hash, true).await? {
        return Err(AppError::NotFound);
    }
    let notice = Notice::Password {
        name: user.name,
        password,
    };
    Ok(page(&app, &ctx, &UserForm::default(), &[], Some(notice))
        .await?
        .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_addresses_are_checked_for_typing_mistakes() {
        for ok in ["a@b.nl", "p.de.vries@woonstad-rotterdam.nl"] {
            assert!(super::plausible_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "a@b", "@b.nl", "a@@b.nl", "a b@c.nl", "a@b.nl.", "a@.nl",
        ] {
            assert!(!super::plausible_email(bad), "{bad}");
        }
    }
}
