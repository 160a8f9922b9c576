//! `wikken serve`: the web app. On an empty database it first fills in the
//! fictional demo and prints the first beheerder's login.

use std::net::SocketAddr;
use std::process::ExitCode;

use wikken_storage::Store;
use wikken_web::Settings;

/// What `serve` needs.
pub struct ServeArgs {
    /// Where to listen.
    pub address: SocketAddr,
    /// The database URL.
    pub database_url: String,
    /// How the web app is set up.
    pub settings: Settings,
}

/// Runs the server until the process is stopped.
pub fn run(args: ServeArgs) -> ExitCode {
    wikken_web::telemetry::init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("wikken: kan niet starten: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        let store = match Store::connect(&args.database_url).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("wikken: database {}: {e}", args.database_url);
                return ExitCode::from(1);
            }
        };
        let password = std::env::var("WIKKEN_ADMIN_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty());
        match wikken_web::seed::first_start(&store, password).await {
            Ok(Some(first)) => {
                println!(
                    "Nieuwe database: demo-organisatie \"{}\" aangemaakt (fictieve gegevens).",
                    first.organisation_name
                );
                println!("Eerste beheerder:  {}", first.email);
                println!("Wachtwoord:        {}", first.password);
                for (email, _, _) in wikken_web::seed_agreement::DEMO_PARTNERS {
                    println!("Partner (zelfde wachtwoord): {email}");
                }
                println!("(Bewaar dit wachtwoord; het wordt niet opnieuw getoond.)");
            }
            Ok(None) => {}
            Err(wikken_web::seed::SeedError::Password(problem)) => {
                eprintln!("wikken: WIKKEN_ADMIN_PASSWORD wordt niet gebruikt: {problem}");
                return ExitCode::from(2);
            }
            Err(e) => {
                eprintln!("wikken: demo aanmaken mislukt: {e}");
                return ExitCode::from(1);
            }
        }
        let listener = match tokio::net::TcpListener::bind(args.address).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("wikken: kan niet luisteren op {}: {e}", args.address);
                return ExitCode::from(1);
            }
        };
        let shown = listener.local_addr().map_or(args.address, |a| a);
        println!("Wikken draait op http://{shown}  (stoppen: Ctrl+C)");
        let settings = args.settings;
        tokio::select! {
            r = wikken_web::serve(listener, store.clone(), &settings) => {
                if let Err(e) = r {
                    eprintln!("wikken: server gestopt: {e}");
                    return ExitCode::from(1);
                }
            }
            _ = tokio::signal::ctrl_c() => println!("Wikken gestopt."),
        }
        store.close().await;
        ExitCode::SUCCESS
    })
}
