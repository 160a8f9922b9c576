//! `wikken organisatie` and `wikken gebruiker` end to end on a real SQLite
//! file: one server serves several corporations, each with its beheerder;
//! accounts are added, reset, disabled and enabled from the command line;
//! an import never makes an organisation nobody can log in to; the first
//! beheerder's chosen password obeys the password rule.

use std::process::Output;

use assert_cmd::Command;
use wikken_storage::{Store, UserRow};

struct Db {
    _dir: tempfile::TempDir,
    url: String,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("wikken.db").display());
        Db { _dir: dir, url }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::cargo_bin("wikken")
            .unwrap()
            .args(args)
            .args(["--database-url", &self.url])
            .output()
            .unwrap()
    }

    fn user(&self, org: &str, email: &str) -> Option<UserRow> {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let store = Store::connect(&self.url).await.unwrap();
            let org = store.organisation_named(org).await.unwrap()?;
            store
                .user_in_organisation_by_email(&org, email)
                .await
                .unwrap()
        })
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

/// The temporary password a command printed.
fn temporary(out: &Output) -> String {
    let stdout = text(&out.stdout);
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("Tijdelijk wachtwoord:"))
        .unwrap_or_else(|| panic!("no temporary password in {stdout}"))
        .trim()
        .to_string()
}

#[test]
fn organisations_with_their_beheerder_and_users_through_their_life() {
    let db = Db::new();
    // An import into an empty database is refused, saying what to do.
    let csv = db._dir.path().join("k.csv");
    std::fs::write(&csv, "buurtcode,inwoners\nBU08550110,3000\n").unwrap();
    let out = db.run(&["import", "kwb", csv.to_str().unwrap(), "--year", "2024"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("wikken organisatie toevoegen"),
        "{}",
        text(&out.stderr)
    );

    let out = db.run(&[
        "organisatie",
        "toevoegen",
        "Woonstad",
        "--beheerder",
        "Anna@Woonstad.nl",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let password = temporary(&out);
    let anna = db
        .user("Woonstad", "anna@woonstad.nl")
        .expect("the first beheerder");
    assert_eq!(anna.role, wikken_storage::UserRole::Admin);
    assert!(anna.must_change_password, "a temporary password");
    assert!(wikken_web::auth::verify_password(
        &password,
        &anna.password_hash
    ));
    // A second corporation on the same server; the same name twice is refused.
    assert!(
        db.run(&[
            "organisatie",
            "toevoegen",
            "Thuis",
            "--beheerder",
            "b@thuis.nl"
        ])
        .status
        .success()
    );
    let out = db.run(&[
        "organisatie",
        "toevoegen",
        "Thuis",
        "--beheerder",
        "c@thuis.nl",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("er is al een organisatie \"Thuis\""));
    let out = db.run(&["organisatie", "lijst"]);
    assert!(text(&out.stdout).contains("Woonstad  (1 actieve gebruikers)"));

    // Users: the organisation must be named now there are two.
    let out = db.run(&[
        "gebruiker",
        "toevoegen",
        "piet@woonstad.nl",
        "--naam",
        "Piet",
        "--rol",
        "strateeg",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("meerdere organisaties"));
    let add = [
        "gebruiker",
        "toevoegen",
        "piet@woonstad.nl",
        "--naam",
        "Piet",
        "--rol",
        "strateeg",
        "--organisatie",
        "Woonstad",
    ];
    let out = db.run(&add);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = temporary(&out);
    assert_eq!(db.run(&add).status.code(), Some(2), "twice");
    let out = db.run(&[
        "gebruiker",
        "wachtwoord",
        "piet@woonstad.nl",
        "--organisatie",
        "Woonstad",
    ]);
    assert!(out.status.success());
    let second = temporary(&out);
    let piet = db.user("Woonstad", "piet@woonstad.nl").unwrap();
    assert!(!wikken_web::auth::verify_password(
        &first,
        &piet.password_hash
    ));
    assert!(wikken_web::auth::verify_password(
        &second,
        &piet.password_hash
    ));
    assert!(piet.must_change_password);

    let out = db.run(&[
        "gebruiker",
        "uitschakelen",
        "piet@woonstad.nl",
        "--organisatie",
        "Woonstad",
    ]);
    assert!(out.status.success());
    assert!(db.user("Woonstad", "piet@woonstad.nl").unwrap().disabled);
    db.run(&[
        "gebruiker",
        "inschakelen",
        "piet@woonstad.nl",
        "--organisatie",
        "Woonstad",
    ]);
    assert!(!db.user("Woonstad", "piet@woonstad.nl").unwrap().disabled);
    // The only beheerder stays.
    let out = db.run(&[
        "gebruiker",
        "uitschakelen",
        "anna@woonstad.nl",
        "--organisatie",
        "Woonstad",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("enige actieve beheerder"));
    let out = db.run(&[
        "gebruiker",
        "wachtwoord",
        "niemand@woonstad.nl",
        "--organisatie",
        "Woonstad",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Woonstad heeft geen gebruiker niemand@woonstad.nl"));
}

#[test]
fn a_weak_first_password_is_refused_and_nothing_is_made() {
    let db = Db::new();
    let out = Command::cargo_bin("wikken")
        .unwrap()
        .args([
            "serve",
            "--address",
            "127.0.0.1:0",
            "--database-url",
            &db.url,
        ])
        .env("WIKKEN_ADMIN_PASSWORD", "welkom123456")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("WIKKEN_ADMIN_PASSWORD wordt niet gebruikt"),
        "{stderr}"
    );
    assert!(stderr.contains("veelgebruikte wachtwoorden"), "{stderr}");
    let organisations = tokio::runtime::Runtime::new().unwrap().block_on(async {
        Store::connect(&db.url)
            .await
            .unwrap()
            .organisation_count()
            .await
            .unwrap()
    });
    assert_eq!(organisations, 0);
}
