//! End-to-end tests in real headless Chromium, driven through chromedriver
//! (WebDriver): each test starts the application as the other tests do,
//! then a browser that fills in forms, presses buttons and reads what a
//! person would see. Every main page is checked with axe-core (vendored
//! `axe.min.js`, MPL-2.0, licence beside it) and photographed at desktop
//! and phone width under `target/screenshots/`.
//!
//! Chromium and chromedriver are required: without them these tests fail,
//! they never skip (`.ci/run` installs Debian's `chromium` and
//! `chromium-driver`). A new group of pages adds its file here (`mod
//! staff;`) and uses [`Browser`]; nothing else is needed. The browser keeps
//! its cookies for the test, so a sign-in holds:
//!
//! ```text
//! let b = Browser::start(&app.address).await;
//! b.goto("/login?lang=de").await;
//! b.fill("E-Mail-Adresse", &email).await;      // by label, or by name
//! b.fill("password", PASSWORD).await;
//! b.click("Anmelden").await;                   // waits for the next page
//! assert_eq!(b.path().await, "/csm");
//! b.inspect("csm-dashboard", "de").await;      // axe, 360 px, screenshots
//! b.close().await;
//! ```

mod admin;
mod customer;
mod marketing;
mod staff;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::helpers::free_port;

/// The axe-core build the accessibility checks inject (4.14.1, from npm).
const AXE: &str = include_str!("axe.min.js");

/// Desktop and phone viewports of the screenshots and layout checks.
pub const DESKTOP: (u32, u32) = (1280, 900);
pub const PHONE: (u32, u32) = (360, 780);

/// Flags this network needs (see shared/STACK.md): no background traffic
/// to the closed network, no sandbox (root in CI), no GPU.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
];

/// At most this many browsers at once in the test process (each Chromium
/// takes several processes; CI has two cores). `ONETOMANY_TEST_BROWSERS`
/// changes it.
static SLOTS: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    let n = std::env::var("ONETOMANY_TEST_BROWSERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(2);
    Arc::new(Semaphore::new(n))
});

fn chromium_path() -> PathBuf {
    std::env::var_os("ONETOMANY_TEST_CHROMIUM")
        .map_or_else(|| "/usr/bin/chromium".into(), PathBuf::from)
}

fn chromedriver_path() -> PathBuf {
    std::env::var_os("ONETOMANY_TEST_CHROMEDRIVER")
        .map_or_else(|| "/usr/bin/chromedriver".into(), PathBuf::from)
}

/// Where screenshots go: `<target>/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("screenshots")
}

/// A chromedriver process (and the Chromium it starts) in a process group
/// of its own, with a fresh profile folder. Dropping it kills the group
/// and anything else still using the profile, also when the test failed.
struct Driver {
    child: Child,
    port: u16,
    profile: TempDir,
}

impl Driver {
    fn start(zone: &str) -> Self {
        use std::os::unix::process::CommandExt;
        let (chromium, chromedriver) = (chromium_path(), chromedriver_path());
        for (what, path, package) in [
            ("Chromium", &chromium, "chromium"),
            ("chromedriver", &chromedriver, "chromium-driver"),
        ] {
            assert!(
                path.exists(),
                "{what} is needed for the browser tests and is not at {} \
                 (apt-get install chromium chromium-driver; package {package})",
                path.display()
            );
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let port = free_port();
        let child = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .arg(format!(
                "--log-path={}",
                profile.path().join("chromedriver.log").display()
            ))
            // The zone the browser reports to the pages' script.
            .env("TZ", zone)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        Self {
            child,
            port,
            profile,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.profile.path().join("chromedriver.log")).unwrap_or_default()
    }

    /// Waits (bounded) until chromedriver answers `/status` as ready.
    async fn wait_ready(&mut self) {
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("chromedriver exited ({status}):\n{}", self.log());
            }
            if let Ok(res) = client.get(format!("{}/status", self.url())).send().await
                && let Ok(body) = res.json::<Value>().await
                && body["value"]["ready"] == true
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not get ready:\n{}", self.log());
    }

    /// Processes whose command line names our profile folder: the
    /// Chromium this driver started, even if it left the process group.
    fn profile_processes(&self) -> Vec<String> {
        let needle = self.profile.path().to_string_lossy().into_owned();
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        dir.filter_map(Result::ok)
            .filter_map(|e| {
                let pid = e.file_name().to_string_lossy().into_owned();
                pid.chars().all(|c| c.is_ascii_digit()).then_some(pid)
            })
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/cmdline"))
                    .is_ok_and(|c| String::from_utf8_lossy(&c).contains(&needle))
            })
            .collect()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let left = self.profile_processes();
        if !left.is_empty() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .args(&left)
                .stderr(Stdio::null())
                .status();
        }
    }
}

/// One Chromium window on the application at `base`.
pub struct Browser {
    // Dropped first: the session ends before its driver is killed.
    client: Client,
    driver: Driver,
    base: String,
    _slot: OwnedSemaphorePermit,
}

/// A WebDriver call that must work; the failure names what was attempted.
macro_rules! wd {
    ($call:expr, $($what:tt)+) => {
        $call.await.unwrap_or_else(|e| panic!("{}: {e}", format!($($what)+)))
    };
}

/// An XPath string literal for any text (quotes included).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        return format!("'{text}'");
    }
    let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
    format!("concat({})", parts.join(", \"'\", "))
}

impl Browser {
    /// A browser in Berlin time, English first in its Accept-Language.
    pub async fn start(base: &str) -> Self {
        Self::start_in_zone(base, "Europe/Berlin").await
    }

    /// A browser whose system clock is in `zone` (the pages' script reads it).
    pub async fn start_in_zone(base: &str, zone: &str) -> Self {
        let slot = Arc::clone(&SLOTS)
            .acquire_owned()
            .await
            .expect("the browser semaphore is never closed");
        let mut driver = Driver::start(zone);
        driver.wait_ready().await;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!(
            "--user-data-dir={}",
            driver.profile.path().display()
        ));
        args.push(format!("--window-size={},{}", DESKTOP.0, DESKTOP.1));
        args.push("--lang=en-US".into());
        let caps = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"pageLoad": 60_000, "script": 60_000, "implicit": 0},
            "goog:chromeOptions": {
                "binary": chromium_path(),
                "args": args,
                "prefs": {"intl.accept_languages": "en-US,en"},
            },
        });
        let Value::Object(caps) = caps else {
            unreachable!("a JSON object")
        };
        let http = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(http)
            .capabilities(caps)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| panic!("no Chromium session: {e}\n{}", driver.log()));
        let browser = Self {
            client,
            driver,
            base: base.trim_end_matches('/').to_owned(),
            _slot: slot,
        };
        browser.set_viewport(DESKTOP).await;
        browser.learn_zone().await;
        browser
    }

    /// Ends the session and the browser's processes.
    pub async fn close(self) {
        let Self { client, driver, .. } = self;
        let _ = client.close().await;
        drop(driver);
    }

    /// The WebDriver session, for what this wrapper does not offer yet.
    #[allow(dead_code)]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Opens a path of the application (or a full URL) and waits for it.
    pub async fn goto(&self, path_or_url: &str) {
        let url = if path_or_url.starts_with("http") || path_or_url.starts_with("data:") {
            path_or_url.to_owned()
        } else {
            format!("{}{path_or_url}", self.base)
        };
        wd!(self.client.goto(&url), "open {url}");
        self.settle().await;
    }

    /// Waits until the document has loaded.
    async fn settle(&self) {
        for _ in 0..400 {
            let state = self
                .client
                .execute("return document.readyState", vec![])
                .await;
            if matches!(state, Ok(Value::String(s)) if s == "complete") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("{} did not finish loading", self.path().await);
    }

    /// The first visit: the pages' script tells the server the browser's
    /// zone in a cookie and shows the page again once. Done here, so that
    /// no test races that reload.
    async fn learn_zone(&self) {
        self.goto("/").await;
        for _ in 0..400 {
            let reloaded = self
                .client
                .execute(
                    "const n = performance.getEntriesByType('navigation')[0];\
                     return document.readyState === 'complete' && !!n && n.type === 'reload'",
                    vec![],
                )
                .await;
            if matches!(reloaded, Ok(Value::Bool(true))) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the catalog's script did not reload the page in the browser's zone");
    }

    /// The address the browser shows.
    pub async fn url(&self) -> url::Url {
        wd!(self.client.current_url(), "read the URL")
    }

    /// The path and query the browser shows.
    pub async fn path(&self) -> String {
        let url = self.url().await;
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The first element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => panic!("find {css} on {}: {e}", self.path().await),
        }
    }

    /// Every element matching a CSS selector.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        wd!(self.client.find_all(Locator::Css(css)), "find {css}")
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let el = self.find(css).await;
        wd!(el.text(), "read the text of {css}")
    }

    /// All the text a person sees on the page.
    pub async fn page_text(&self) -> String {
        self.text("body").await
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let el = self.find(css).await;
        wd!(el.attr(name), "read {name} of {css}")
    }

    /// The current value of a form field (what the person typed or the
    /// page filled in), found by label or name.
    pub async fn value(&self, field: &str) -> String {
        let el = self.field(field).await;
        wd!(el.prop("value"), "read the value of {field}").unwrap_or_default()
    }

    /// Runs a script in the page and returns its result.
    pub async fn js(&self, script: &str) -> Value {
        wd!(self.client.execute(script, vec![]), "run {script}")
    }

    /// A form field by its label's text (exact, spaces normalised; the
    /// label's own text without "(optional)" etc. also counts), else by
    /// its `name`.
    pub async fn field(&self, field: &str) -> Element {
        let lit = xpath_literal(field);
        let by_label =
            format!("//label[normalize-space(.)={lit} or normalize-space(text()[1])={lit}]");
        if let Ok(label) = self.client.find(Locator::XPath(&by_label)).await
            && let Ok(Some(id)) = label.attr("for").await
            && let Ok(el) = self.client.find(Locator::Id(&id)).await
        {
            return el;
        }
        let by_name = format!("[name={}]", json!(field));
        match self.client.find(Locator::Css(&by_name)).await {
            Ok(el) => el,
            Err(e) => panic!(
                "no field labelled or named {field:?} on {}: {e}",
                self.path().await
            ),
        }
    }

    /// Types `value` into a field (found by label or name), replacing
    /// what was there; a select gets the option with that value or text.
    pub async fn fill(&self, field: &str, value: &str) {
        let el = self.field(field).await;
        let tag = wd!(el.tag_name(), "read the tag of {field}");
        if tag == "select" {
            if el.select_by_value(value).await.is_err() {
                wd!(el.select_by_label(value), "choose {value:?} in {field}");
            }
            return;
        }
        wd!(el.clear(), "clear {field}");
        wd!(el.send_keys(value), "type into {field}");
    }

    /// Ticks or unticks a checkbox (found by label or name).
    pub async fn check(&self, field: &str, on: bool) {
        let el = self.field(field).await;
        if wd!(el.is_selected(), "read {field}") != on {
            wd!(el.click(), "click {field}");
        }
    }

    /// A link or button with exactly this visible text.
    pub async fn control(&self, text: &str) -> Element {
        let lit = xpath_literal(text);
        let xpath = format!(
            "//a[normalize-space(.)={lit}] | //button[normalize-space(.)={lit}] \
             | //input[@type='submit' and @value={lit}]"
        );
        match self.client.find(Locator::XPath(&xpath)).await {
            Ok(el) => el,
            Err(e) => panic!(
                "no link or button {text:?} on {}: {e}\n{}",
                self.path().await,
                self.page_text().await
            ),
        }
    }

    /// Clicks the link or button with this text and waits for the page it
    /// leads to.
    pub async fn click(&self, text: &str) {
        let el = self.control(text).await;
        self.click_element(el, text).await;
    }

    /// Clicks an element that leads to a new page, and waits for that page.
    pub async fn click_element(&self, el: Element, what: &str) {
        self.js("window.__otmOldPage = true; return null").await;
        wd!(el.click(), "click {what}");
        for _ in 0..400 {
            let loaded = self
                .client
                .execute(
                    "return window.__otmOldPage === undefined && document.readyState === 'complete'",
                    vec![],
                )
                .await;
            if matches!(loaded, Ok(Value::Bool(true))) {
                self.settle().await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("clicking {what} led to no new page");
    }

    /// Sets the size of the page's viewport (not the window's).
    pub async fn set_viewport(&self, (width, height): (u32, u32)) {
        wd!(self.client.set_window_size(width, height), "resize");
        // The window may add a frame: grow it by what the viewport lacks.
        let inner = self
            .js("return [window.innerWidth, window.innerHeight]")
            .await;
        let (w, h) = (
            inner[0].as_u64().unwrap_or(u64::from(width)),
            inner[1].as_u64().unwrap_or(u64::from(height)),
        );
        let (dw, dh) = (
            u64::from(width).saturating_sub(w),
            u64::from(height).saturating_sub(h),
        );
        if dw > 0 || dh > 0 {
            let grow = |n: u32, d: u64| n + u32::try_from(d).unwrap_or(0);
            wd!(
                self.client
                    .set_window_size(grow(width, dw), grow(height, dh)),
                "resize"
            );
        }
    }

    /// The serious and critical axe-core violations of the page as shown.
    pub async fn axe(&self) -> Vec<Value> {
        let loaded = self.js("return typeof window.axe !== 'undefined'").await;
        if loaded != Value::Bool(true) {
            wd!(self.client.execute(AXE, vec![]), "load axe-core");
        }
        let result = wd!(
            self.client.execute_async(
                "const done = arguments[arguments.length - 1];\
                 axe.run(document, {resultTypes: ['violations']})\
                   .then(r => done(r.violations), e => done({error: String(e)}));",
                vec![],
            ),
            "run axe-core"
        );
        if let Some(error) = result.get("error") {
            panic!("axe-core failed: {error}");
        }
        result
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .collect()
    }

    /// Fails, listing each one readably, if axe-core finds a serious or
    /// critical violation on the page.
    pub async fn assert_accessible(&self, page: &str) {
        let found = self.axe().await;
        assert!(
            found.is_empty(),
            "axe-core on {page} ({}):\n{}",
            self.path().await,
            describe_violations(&found)
        );
    }

    /// Fails if the page scrolls sideways at its current width.
    pub async fn assert_no_horizontal_scroll(&self, page: &str) {
        let sizes = self
            .js("return [document.documentElement.scrollWidth, window.innerWidth]")
            .await;
        let (scroll, inner) = (sizes[0].as_u64(), sizes[1].as_u64());
        let wide = self
            .js("const w = window.innerWidth; return Array.from(document.querySelectorAll('body *'))\
                 .filter(e => e.getBoundingClientRect().right > w + 1)\
                 .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') \
                 + (e.className ? '.' + String(e.className).split(' ').join('.') : ''))")
            .await;
        assert!(
            scroll <= inner,
            "{page} scrolls sideways at {inner:?} px: scrollWidth {scroll:?}; too wide: {wide}"
        );
    }

    /// Saves the page as `<page>-<lang>-desktop.png` and `-phone.png`.
    pub async fn screenshot(&self, page: &str, lang: &str) {
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        for (size, name) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
            self.set_viewport(size).await;
            let png = wd!(self.client.screenshot(), "screenshot {page}");
            let path = dir.join(format!("{page}-{lang}-{name}.png"));
            std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        }
        self.set_viewport(DESKTOP).await;
    }

    /// What every main page must pass: no serious or critical axe-core
    /// violation, no sideways scrolling on a 360 px phone, and its
    /// screenshots saved.
    pub async fn inspect(&self, page: &str, lang: &str) {
        self.assert_accessible(&format!("{page} ({lang})")).await;
        self.set_viewport(PHONE).await;
        self.assert_no_horizontal_scroll(&format!("{page} ({lang})"))
            .await;
        self.set_viewport(DESKTOP).await;
        self.screenshot(page, lang).await;
    }
}

/// The checks themselves: axe-core does report a form field without a
/// label, and a page wider than the phone is caught.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checks_catch_a_missing_label_and_a_wide_page() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite).await;
    let b = Browser::start_in_zone(&app.address, "UTC").await;
    b.goto(
        "data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main>\
         <input name=q><div id=wide>x</div></main><style>%23wide{width:900px}</style>",
    )
    .await;
    let found = b.axe().await;
    assert!(
        found.iter().any(|v| v["id"] == "label"),
        "{}",
        describe_violations(&found)
    );
    b.set_viewport(PHONE).await;
    let caught = tokio::spawn(async move {
        b.assert_no_horizontal_scroll("wide").await;
    })
    .await;
    assert!(caught.is_err(), "a 900 px page fails at 360 px");
}

/// axe-core's violations as lines a person can act on.
fn describe_violations(found: &[Value]) -> String {
    let mut out = String::new();
    for v in found {
        out.push_str(&format!(
            "- {} ({}): {}\n  {}\n",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or_default(),
            v["helpUrl"].as_str().unwrap_or_default()
        ));
        for node in v["nodes"].as_array().into_iter().flatten().take(5) {
            out.push_str(&format!(
                "    at {}: {}\n      {}\n",
                node["target"],
                node["html"].as_str().unwrap_or_default(),
                node["failureSummary"]
                    .as_str()
                    .unwrap_or_default()
                    .replace('\n', "\n      ")
            ));
        }
    }
    out
}
