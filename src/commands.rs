//! The subcommands behind the binary: `serve`, `migrate` and `user add`.

use std::io::BufRead;

use crate::config::Settings;
use crate::db::Db;
use crate::domain::user::NewStaffUser;
use crate::routes::users::create_user;
use crate::startup::Application;

/// A failed command: its message is printed as one line, then the process
/// exits with a non-zero status.
pub type CommandResult = Result<(), String>;

pub async fn serve(settings: Settings) -> CommandResult {
    let app = Application::build(settings)
        .await
        .map_err(|e| e.to_string())?;
    app.run_until_stopped().await.map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

pub async fn migrate(settings: Settings) -> CommandResult {
    let db = Db::open(&settings.database)
        .await
        .map_err(|e| e.to_string())?;
    let applied = db.migrate().await.map_err(|e| e.to_string())?;
    if applied.is_empty() {
        println!("the {} database is up to date", db.backend());
    }
    for version in applied {
        println!("applied {version}");
    }
    Ok(())
}

pub struct UserAdd {
    pub email: String,
    pub name: String,
    pub role: String,
    pub timezone: Option<String>,
}

/// Creates a staff user; the password is one line of standard input.
pub async fn user_add(settings: Settings, args: UserAdd, stdin: impl BufRead) -> CommandResult {
    let password = read_password(stdin)?;
    let new = NewStaffUser::parse(
        &args.email,
        &args.name,
        &args.role,
        args.timezone.as_deref(),
        &password,
    )
    .map_err(|e| e.to_string())?;
    let db = Db::open(&settings.database)
        .await
        .map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    let user = create_user(&db, new).await.map_err(|e| e.to_string())?;
    println!("created {} user {} ({})", user.role, user.id, user.email);
    Ok(())
}

fn read_password(mut stdin: impl BufRead) -> Result<String, String> {
    let mut line = String::new();
    stdin
        .read_line(&mut line)
        .map_err(|e| format!("could not read the password from standard input: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(
            "no password on standard input: pipe it in, e.g. `echo \"$PW\" | onetomany user add …`"
                .into(),
        );
    }
    Ok(password)
}
