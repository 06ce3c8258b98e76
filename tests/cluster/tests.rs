//! The three runs: three instances on PostgreSQL without faults (no
//! duplicate allowed), the same under faults, and one SQLite instance
//! killed mid-load.

use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};
use onetomany::config::{DatabaseUrl, Settings};
use onetomany::db::Db;

use crate::checks::{lapse_offers, settle, verify};
use crate::harness::{Client, Instance, Mail, logged_errors, scale, work_dir};
use crate::helpers::{Backend, TestDb};
use crate::load::{self, Scene};
use crate::pg_server::PgServer;

/// Leases (80 s with these settings) must run out after a kill, and retries
/// wait 30 s, 60 s, …: generous, only so that a hang fails the test.
const SETTLE: Duration = Duration::from_secs(360);

async fn open(url: DatabaseUrl) -> Db {
    let mut settings = Settings::defaults().expect("defaults").database;
    settings.url = url;
    settings.pool_size = 4;
    Db::open(&settings).await.expect("database opens")
}

async fn cluster(dir: &std::path::Path, url: &str, smtp: u16, n: usize) -> Vec<Instance> {
    // The first applies the migrations; the others start on the result.
    let mut instances = vec![Instance::start(dir, url, smtp).await];
    for _ in 1..n {
        instances.push(Instance::start(dir, url, smtp).await);
    }
    instances
}

fn print_statuses(scene: &Scene, statuses: &std::collections::HashMap<(String, u16), usize>) {
    let mut rows: Vec<_> = statuses.iter().collect();
    rows.sort();
    println!("answers (kind, status) → count: {rows:?}");
    let _ = scene;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_on_postgres_keep_every_invariant() {
    let test_db = TestDb::create(Backend::Postgres);
    let work = work_dir();
    let mail = Mail::start().await;
    let instances = cluster(work.path(), &test_db.url_string(), mail.port, 3).await;
    let client = Client::new(instances.iter().map(|i| i.port).collect());
    let db = open(test_db.url()).await;
    let scene = Arc::new(load::set_up(&db, &client).await);
    let begun = Instant::now();
    let counts = load::run(&client, &scene, &db, scale()).await;
    let load_time = begun.elapsed();
    load::free_offer_seats(&client, &scene, &db).await;
    let lapsed = lapse_offers(&db, &scene.offer).await;
    let settled = settle(&db, &scene, &lapsed, SETTLE).await;
    print_statuses(&scene, &scene.statuses.lock().await.clone());
    let figures = verify(&db, &client, &mail, &scene, &lapsed).await;
    println!(
        "postgres, 3 instances: {counts:?}, {} offers lapsed, load {load_time:?}, settled {settled:?} later, {figures:?}",
        lapsed.len()
    );
    assert!(!lapsed.is_empty(), "offers were left to lapse");
    assert_eq!(figures.duplicates, 0, "no crash: no mail twice");
    let statuses = scene.statuses.lock().await.clone();
    assert!(
        statuses.keys().all(|(_, s)| matches!(s, 200 | 201 | 409)),
        "every answer without faults is a success or a conflict: {statuses:?}"
    );
    drop(instances);
}

/// The throwaway server's database for the fault run.
fn create_database(pg: &PgServer) -> String {
    let mut admin = PgConnection::establish(&pg.url("postgres")).expect("own server answers");
    diesel::sql_query("CREATE DATABASE cluster")
        .execute(&mut admin)
        .expect("CREATE DATABASE");
    pg.url("cluster")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_survive_kill_smtp_outage_stall_and_a_postgres_restart() {
    let pg = Arc::new(PgServer::start());
    let url = create_database(&pg);
    let work = work_dir();
    let mail = Arc::new(Mail::start().await);
    let mut instances = cluster(work.path(), &url, mail.port, 3).await;
    let watched = instances[0].port;
    let client = Client::new(instances.iter().map(|i| i.port).collect());
    let db = open(DatabaseUrl::Postgres(url.clone())).await;
    let scene = Arc::new(load::set_up(&db, &client).await);
    let begun = Instant::now();
    let load = {
        let (client, scene, db) = (client.clone(), Arc::clone(&scene), db.clone());
        tokio::spawn(async move { load::run(&client, &scene, &db, scale()).await })
    };
    let sleep = |ms| tokio::time::sleep(Duration::from_millis(ms));
    sleep(1500).await;
    instances[2].kill_9();
    println!(
        "killed instance on port {} at {:?}",
        instances[2].port,
        begun.elapsed()
    );
    sleep(500).await;
    // The database goes away and comes back while requests still arrive;
    // /readyz says so, unasked, and the requests caught fail cleanly.
    assert!(client.ready(watched).await, "ready before the restart");
    let stopped_at = Instant::now();
    {
        let pg = Arc::clone(&pg);
        tokio::task::spawn_blocking(move || pg.stop())
            .await
            .expect("stopped");
    }
    let mut saw_unready = false;
    for _ in 0..20 {
        if !client.ready(watched).await {
            saw_unready = true;
            break;
        }
        sleep(200).await;
    }
    sleep(3000).await;
    {
        let pg = Arc::clone(&pg);
        tokio::task::spawn_blocking(move || pg.start_again())
            .await
            .expect("started");
    }
    let started_at = Instant::now();
    let mut ready_again = None;
    for _ in 0..300 {
        if client.ready(watched).await {
            ready_again = Some(started_at.elapsed());
            break;
        }
        sleep(200).await;
    }
    println!(
        "database down {:?}; /readyz false during it: {saw_unready}; true again {ready_again:?} after the start",
        started_at - stopped_at
    );
    assert!(
        saw_unready,
        "/readyz went false while the database was down"
    );
    sleep(1500).await;
    mail.stop().await;
    sleep(3000).await;
    mail.resume().await;
    sleep(1500).await;
    mail.stall().await;
    sleep(3000).await;
    mail.resume().await;
    println!(
        "SMTP down 3 s and stalled 3 s, back at {:?}",
        begun.elapsed()
    );
    let ready_again = ready_again.expect("/readyz true again without a restart of the service");
    // The killed instance comes back on its port.
    instances[2].restart().await;
    let counts = load.await.expect("load ran");
    let load_time = begun.elapsed();
    load::free_offer_seats(&client, &scene, &db).await;
    let lapsed = lapse_offers(&db, &scene.offer).await;
    let settled = settle(&db, &scene, &lapsed, SETTLE).await;
    let statuses = scene.statuses.lock().await.clone();
    print_statuses(&scene, &statuses);
    let figures = verify(&db, &client, &mail, &scene, &lapsed).await;
    println!(
        "postgres under faults: {counts:?}, {} offers lapsed, {} requests moved to another instance, load {load_time:?}, ready again {ready_again:?} after the database, settled {settled:?} later, {figures:?}",
        lapsed.len(),
        client.moved_on.load(std::sync::atomic::Ordering::Relaxed),
    );
    // Only the killed worker's claimed batch can go out twice.
    assert!(
        figures.duplicates <= 5,
        "duplicates {} above one batch",
        figures.duplicates
    );
    assert!(
        statuses
            .keys()
            .all(|(_, s)| matches!(s, 200 | 201 | 409 | 503)),
        "failures during the outage are clean 503s: {statuses:?}; the service logged {:#?}; the database logged {:#?}",
        logged_errors(work.path()),
        pg.logged_errors()
    );
    drop(instances);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_sqlite_instance_killed_mid_load_loses_nothing() {
    let test_db = TestDb::create(Backend::Sqlite);
    let work = work_dir();
    let mail = Mail::start().await;
    let mut instances = cluster(work.path(), &test_db.url_string(), mail.port, 1).await;
    let client = Client::new(vec![instances[0].port]);
    let db = open(test_db.url()).await;
    let scene = Arc::new(load::set_up(&db, &client).await);
    let begun = Instant::now();
    let load = {
        let (client, scene, db) = (client.clone(), Arc::clone(&scene), db.clone());
        tokio::spawn(async move { load::run(&client, &scene, &db, scale()).await })
    };
    tokio::time::sleep(Duration::from_millis(3000)).await;
    instances[0].kill_9();
    let killed = begun.elapsed();
    instances[0].restart().await;
    println!(
        "killed at {killed:?}, serving again at {:?}",
        begun.elapsed()
    );
    let counts = load.await.expect("load ran");
    let load_time = begun.elapsed();
    load::free_offer_seats(&client, &scene, &db).await;
    let lapsed = lapse_offers(&db, &scene.offer).await;
    let settled = settle(&db, &scene, &lapsed, SETTLE).await;
    let statuses = scene.statuses.lock().await.clone();
    print_statuses(&scene, &statuses);
    let figures = verify(&db, &client, &mail, &scene, &lapsed).await;
    println!(
        "sqlite, killed once: {counts:?}, {} offers lapsed, load {load_time:?}, settled {settled:?} later, {figures:?}",
        lapsed.len()
    );
    assert!(
        figures.duplicates <= 5,
        "duplicates {} above one batch",
        figures.duplicates
    );
    drop(instances);
}
