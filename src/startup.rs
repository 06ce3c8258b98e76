//! Builds the application from its settings: opens and migrates the
//! database, binds the listener (port 0 in tests) and wires routes and
//! middleware. The same code serves `onetomany serve` and the tests.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use secrecy::ExposeSecret;
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::db::{Db, OpenError};
use crate::email::Composer;
use crate::email::transport::Transport;
use crate::metrics::{self, Metrics};
use crate::openapi;
use crate::rate_limit::{FailedLogins, RateLimiter};
use crate::routes;
use crate::telemetry::RequestSpan;
use crate::worker::Workers;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Database(#[from] OpenError),
    #[error("{0}")]
    Mail(String),
    #[error("could not listen on {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
}

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
    composer: Arc<Composer>,
    transport: Arc<Transport>,
    keys: JwtKeys,
    workers: Option<Workers>,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartError> {
        let db = Db::open(&settings.database).await?;
        let applied = db.migrate().await?;
        if !applied.is_empty() {
            tracing::info!(count = applied.len(), "migrations applied");
        }
        let address = format!("{}:{}", settings.server.host, settings.server.port);
        let listener = TcpListener::bind(&address).map_err(|source| StartError::Bind {
            address: address.clone(),
            source,
        })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartError::Bind { address, source })?
            .port();
        let keys = JwtKeys::new(
            settings.auth.jwt_secret.expose_secret().as_bytes(),
            settings.auth.token_ttl_minutes,
        );
        let composer = Arc::new(Composer::new(&settings, keys.clone()).map_err(StartError::Mail)?);
        let transport = Arc::new(Transport::from_settings(&settings).map_err(StartError::Mail)?);
        let server = serve(
            listener,
            &settings,
            db.clone(),
            keys.clone(),
            Arc::clone(&composer),
        )?;
        let workers = (settings.mail.poll_interval_seconds > 0).then(|| {
            Workers::spawn(
                db.clone(),
                Arc::clone(&composer),
                Arc::clone(&transport),
                Duration::from_secs(settings.mail.poll_interval_seconds),
                settings.mail.reminder_offsets_minutes.clone(),
                settings.queue.clone(),
                crate::worker::CalendarFetch {
                    allow_private: settings.webhooks.allow_private_targets,
                    interval_secs: settings.calendars.fetch_interval_secs,
                },
            )
        });
        tracing::info!(port, backend = db.backend(), "listening");
        Ok(Self {
            port,
            server,
            db,
            composer,
            transport,
            keys,
            workers,
        })
    }

    /// Builds every e-mail (tests use it to drive the workers by hand).
    pub fn composer(&self) -> Arc<Composer> {
        Arc::clone(&self.composer)
    }

    /// Signs staff and booking tokens.
    pub fn keys(&self) -> JwtKeys {
        self.keys.clone()
    }

    /// Where the outbox delivers to.
    pub fn transport(&self) -> Arc<Transport> {
        Arc::clone(&self.transport)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Stops the server from outside (tests); SIGTERM/SIGINT do the same.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped. On SIGTERM/SIGINT the listener closes and
    /// in-flight requests finish (up to server.shutdown_timeout_seconds).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        if let Some(workers) = self.workers {
            workers.shutdown().await;
        }
        served
    }
}

fn serve(
    listener: TcpListener,
    settings: &Settings,
    db: Db,
    keys: JwtKeys,
    composer: Arc<Composer>,
) -> Result<Server, StartError> {
    let keys = web::Data::new(keys);
    let composer = web::Data::from(composer);
    let limiter = web::Data::new(RateLimiter::new(settings.server.rate_limit_per_minute));
    let failed_logins = web::Data::new(FailedLogins::default());
    let db = web::Data::new(db);
    let metrics = web::Data::new(Metrics::default());
    let catalog_cache = web::Data::new(crate::pages::CatalogCache::default());
    let settings_data = web::Data::new(settings.clone());
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let mut server = HttpServer::new(move || {
        App::new()
            .wrap(from_fn(metrics::track))
            .wrap(TracingLogger::<RequestSpan>::new())
            .app_data(db.clone())
            .app_data(keys.clone())
            .app_data(metrics.clone())
            .app_data(settings_data.clone())
            .app_data(composer.clone())
            .app_data(limiter.clone())
            .app_data(failed_logins.clone())
            .app_data(catalog_cache.clone())
            .into_utoipa_app()
            .configure(routes::configure)
            .into_app()
            .configure(routes::method_not_allowed)
            .service(openapi::json_resource())
            .service(SwaggerUi::new("/api/docs/{_:.*}").config(Config::from(openapi::JSON_PATH)))
            .configure(crate::pages::configure)
            .default_service(routes::not_found_route())
    })
    .shutdown_timeout(settings.server.shutdown_timeout_seconds)
    .client_request_timeout(Duration::from_secs(30));
    if settings.server.workers > 0 {
        server = server.workers(settings.server.workers);
    }
    let server = server
        .listen(listener)
        .map_err(|source| StartError::Bind { address, source })?
        .run();
    Ok(server)
}
