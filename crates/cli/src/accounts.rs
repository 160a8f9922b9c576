//! `wikken organisatie` and `wikken gebruiker`: organisations (one server
//! can serve several corporations) and their accounts, from the command
//! line of the server's machine. Passwords are never taken as arguments
//! (they would stay in the shell's history): a new account or a reset
//! gets a temporary password, printed once, that its user must change at
//! the first login.

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use wikken_storage::{
    AccountChange, AccountChangeOutcome, NewUser, OrganisationId, Store, UserRole,
};
use wikken_web::accounts::temporary_password;
use wikken_web::hash_password;

/// Exit code for a refused command (bad input).
const REFUSED: u8 = 2;

/// What `wikken organisatie` does.
#[derive(Subcommand)]
pub enum OrganisationCommand {
    /// Add an organisation (a corporatie) with its first beheerder, who
    /// gets a temporary password.
    Toevoegen {
        /// The organisation's name, e.g. "Woonstad Rotterdam".
        naam: String,
        /// The first beheerder's e-mail address.
        #[arg(long)]
        beheerder: String,
        /// The first beheerder's name (default: the part before the @).
        #[arg(long)]
        beheerder_naam: Option<String>,
    },
    /// List the organisations with their number of users.
    Lijst,
}

/// A user's role.
#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Reads.
    Lezer,
    /// Imports data and works out afwegingen.
    Strateeg,
    /// Also manages users and the catalogue.
    Beheerder,
}

impl From<RoleArg> for UserRole {
    fn from(role: RoleArg) -> UserRole {
        match role {
            RoleArg::Lezer => UserRole::Reader,
            RoleArg::Strateeg => UserRole::Strategist,
            RoleArg::Beheerder => UserRole::Admin,
        }
    }
}

/// What `wikken gebruiker` does.
#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user, with a temporary password.
    Toevoegen {
        /// E-mail address (the login name).
        email: String,
        /// Display name.
        #[arg(long)]
        naam: String,
        /// Role.
        #[arg(long, value_enum)]
        rol: RoleArg,
    },
    /// Give a user a new temporary password (their sessions end).
    Wachtwoord {
        /// E-mail address.
        email: String,
    },
    /// Disable a user: they cannot log in, their sessions end at once.
    Uitschakelen {
        /// E-mail address.
        email: String,
    },
    /// Enable a disabled user again.
    Inschakelen {
        /// E-mail address.
        email: String,
    },
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("a tokio runtime")
}

fn refuse(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("wikken: {message}");
    ExitCode::from(REFUSED)
}

fn failed(database_url: &str, e: impl std::fmt::Display) -> ExitCode {
    eprintln!("wikken: database {database_url}: {e}");
    ExitCode::from(1)
}

/// Runs `wikken organisatie ...`.
pub fn organisation(command: OrganisationCommand, database_url: &str) -> ExitCode {
    runtime().block_on(async {
        let store = match Store::connect(database_url).await {
            Ok(s) => s,
            Err(e) => return failed(database_url, e),
        };
        let code = match command {
            OrganisationCommand::Toevoegen {
                naam,
                beheerder,
                beheerder_naam,
            } => add_organisation(&store, &naam, &beheerder, beheerder_naam.as_deref()).await,
            OrganisationCommand::Lijst => list_organisations(&store).await,
        };
        store.close().await;
        code.unwrap_or_else(|e| failed(database_url, e))
    })
}

async fn add_organisation(
    store: &Store,
    name: &str,
    email: &str,
    admin_name: Option<&str>,
) -> Result<ExitCode, wikken_storage::StorageError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Ok(refuse("geef de organisatie een naam van 1 tot 200 tekens."));
    }
    if let Some(problem) = email_problem(email) {
        return Ok(refuse(problem));
    }
    if store.organisation_named(name).await?.is_some() {
        return Ok(refuse(format!(
            "er is al een organisatie \"{name}\"; kies een andere naam."
        )));
    }
    let admin_name = admin_name
        .map(str::to_string)
        .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_string());
    let password = temporary_password();
    let hash = hash_password(&password);
    let (org, user) = store
        .create_organisation_with_user(
            name,
            &NewUser {
                email,
                name: &admin_name,
                role: UserRole::Admin,
                password_hash: &hash,
                must_change_password: true,
            },
        )
        .await?;
    println!("Organisatie \"{name}\" aangemaakt ({}).", org.0);
    print_temporary(&user.email, &password);
    Ok(ExitCode::SUCCESS)
}

async fn list_organisations(store: &Store) -> Result<ExitCode, wikken_storage::StorageError> {
    let names = store.organisation_names().await?;
    if names.is_empty() {
        println!("Deze database heeft nog geen organisaties.");
    }
    for name in names {
        if let Some(org) = store.organisation_named(&name).await? {
            let users = store.users(&org).await?;
            let active = users.iter().filter(|u| !u.disabled).count();
            println!("{name}  ({active} actieve gebruikers)");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_temporary(email: &str, password: &str) {
    println!("Gebruiker:          {email}");
    println!("Tijdelijk wachtwoord: {password}");
    println!(
        "(Geef het veilig door; bij de eerste keer inloggen kiest de gebruiker een eigen wachtwoord.)"
    );
}

/// A reason to refuse an e-mail address, if any.
fn email_problem(email: &str) -> Option<String> {
    let email = email.trim();
    let ok = email.chars().count() <= 254
        && email.split('@').count() == 2
        && email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.ends_with('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    (!ok).then(|| format!("\"{email}\" is geen e-mailadres."))
}

/// The corporation a command is for: the one named, or the database's
/// only one (partner organisations have no data or accounts of their own
/// to manage here). Refuses (with the corporations there are) otherwise;
/// never creates one.
pub async fn resolve_organisation(
    store: &Store,
    named: Option<&str>,
) -> Result<Result<(OrganisationId, String), String>, wikken_storage::StorageError> {
    let names = store.corporation_names().await?;
    let hint = "maak er een met: wikken organisatie toevoegen NAAM --beheerder E-MAILADRES";
    let chosen = match named {
        Some(n) if names.iter().any(|x| x == n) => n.to_string(),
        Some(n) if names.is_empty() => {
            return Ok(Err(format!(
                "organisatie \"{n}\" bestaat niet: deze database heeft nog geen organisaties; {hint}"
            )));
        }
        Some(n) => {
            return Ok(Err(format!(
                "organisatie \"{n}\" bestaat niet; er zijn: {}. Of {hint}",
                names.join(", ")
            )));
        }
        None => match names.as_slice() {
            [] => {
                return Ok(Err(format!(
                    "deze database heeft nog geen organisatie (`wikken serve` maakt de demo); {hint}"
                )));
            }
            [only] => only.clone(),
            several => {
                return Ok(Err(format!(
                    "de database heeft meerdere organisaties; kies er een met --organisatie: {}",
                    several.join(", ")
                )));
            }
        },
    };
    let id = store
        .organisation_named(&chosen)
        .await?
        .expect("listed a moment ago");
    Ok(Ok((id, chosen)))
}

/// Runs `wikken gebruiker ...`.
pub fn user(command: UserCommand, database_url: &str, organisation: Option<&str>) -> ExitCode {
    runtime().block_on(async {
        let store = match Store::connect(database_url).await {
            Ok(s) => s,
            Err(e) => return failed(database_url, e),
        };
        let code = user_command(&store, command, organisation).await;
        store.close().await;
        code.unwrap_or_else(|e| failed(database_url, e))
    })
}

async fn user_command(
    store: &Store,
    command: UserCommand,
    organisation: Option<&str>,
) -> Result<ExitCode, wikken_storage::StorageError> {
    let (org, org_name) = match resolve_organisation(store, organisation).await? {
        Ok(found) => found,
        Err(message) => return Ok(refuse(message)),
    };
    let at = Organisation {
        store,
        id: &org,
        name: &org_name,
    };
    match command {
        UserCommand::Toevoegen { email, naam, rol } => at.add_user(&email, &naam, rol).await,
        UserCommand::Wachtwoord { email } => at.reset_password(&email).await,
        UserCommand::Uitschakelen { email } => at.set_disabled(&email, true).await,
        UserCommand::Inschakelen { email } => at.set_disabled(&email, false).await,
    }
}

/// The organisation a user command works in.
struct Organisation<'a> {
    store: &'a Store,
    id: &'a OrganisationId,
    name: &'a str,
}

impl Organisation<'_> {
    async fn add_user(
        &self,
        email: &str,
        name: &str,
        role: RoleArg,
    ) -> Result<ExitCode, wikken_storage::StorageError> {
        if let Some(problem) = email_problem(email) {
            return Ok(refuse(problem));
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Ok(refuse("geef een naam van 1 tot 200 tekens (--naam)."));
        }
        let password = temporary_password();
        let hash = hash_password(&password);
        let new = NewUser {
            email,
            name,
            role: role.into(),
            password_hash: &hash,
            must_change_password: true,
        };
        Ok(match self.store.create_user(self.id, &new).await? {
            Some(u) => {
                println!("{} toegevoegd aan {} als {}.", u.name, self.name, u.role);
                print_temporary(&u.email, &password);
                ExitCode::SUCCESS
            }
            None => refuse(format!("{email} is al een gebruiker van {}.", self.name)),
        })
    }

    async fn find(
        &self,
        email: &str,
    ) -> Result<Option<wikken_storage::UserRow>, wikken_storage::StorageError> {
        let found = self
            .store
            .user_in_organisation_by_email(self.id, email)
            .await?;
        if found.is_none() {
            eprintln!("wikken: {} heeft geen gebruiker {email}.", self.name);
        }
        Ok(found)
    }

    async fn reset_password(&self, email: &str) -> Result<ExitCode, wikken_storage::StorageError> {
        let Some(user) = self.find(email).await? else {
            return Ok(ExitCode::from(REFUSED));
        };
        let password = temporary_password();
        self.store
            .set_password(&user.id, &hash_password(&password), true)
            .await?;
        println!(
            "Nieuw tijdelijk wachtwoord voor {} ({}); de sessies van deze gebruiker zijn beëindigd.",
            user.name, self.name
        );
        print_temporary(&user.email, &password);
        Ok(ExitCode::SUCCESS)
    }

    async fn set_disabled(
        &self,
        email: &str,
        disable: bool,
    ) -> Result<ExitCode, wikken_storage::StorageError> {
        let Some(user) = self.find(email).await? else {
            return Ok(ExitCode::from(REFUSED));
        };
        let outcome = self
            .store
            .change_account(self.id, &user.id, AccountChange::Disabled(disable))
            .await?;
        Ok(match outcome {
            AccountChangeOutcome::Done if disable => {
                println!(
                    "{} ({}) is uitgeschakeld en overal uitgelogd.",
                    user.name, self.name
                );
                ExitCode::SUCCESS
            }
            AccountChangeOutcome::Done => {
                println!("{} ({}) kan weer inloggen.", user.name, self.name);
                ExitCode::SUCCESS
            }
            AccountChangeOutcome::LastBeheerder => refuse(format!(
                "{} is de enige actieve beheerder van {}; maak eerst iemand anders beheerder.",
                user.name, self.name
            )),
            AccountChangeOutcome::NotFound => {
                refuse(format!("{} heeft geen gebruiker {email}.", self.name))
            }
        })
    }
}
