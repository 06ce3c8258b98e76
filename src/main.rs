//! The `onetomany` binary: parse the command line, load the configuration,
//! hand over to the library.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use onetomany::commands::{self, UserAdd};
use onetomany::config::Settings;
use onetomany::telemetry;

#[derive(Parser)]
#[command(
    name = "onetomany",
    version,
    about = "Webinars, expert webinars and a one-hour CSM queue for Customer Success teams"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage staff users.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Create a staff user; the password is read as one line from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, csm or marketing
        #[arg(long)]
        role: String,
        /// IANA time zone, e.g. Europe/Berlin (default UTC)
        #[arg(long)]
        timezone: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings.log);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => commands::serve(settings).await,
            Command::Migrate => commands::migrate(settings).await,
            Command::User {
                action:
                    UserAction::Add {
                        email,
                        name,
                        role,
                        timezone,
                    },
            } => {
                let args = UserAdd {
                    email,
                    name,
                    role,
                    timezone,
                };
                commands::user_add(settings, args, std::io::stdin().lock()).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
