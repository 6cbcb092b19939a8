//! What every browser test needs: finding Chromium and chromedriver, one chromedriver for
//! the run, and per test a fresh host ([`Site`]) and a fresh browser session ([`Page`])
//! with helpers to act like a person and to check pages with axe-core.

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

pub use crate::site::{PASSWORD, Site};

pub type TestFn = fn(Page) -> Pin<Box<dyn Future<Output = ()> + Send>>;

/// Registers async test functions: `crate::tests![a, b]` defines `pub fn tests()`.
#[macro_export]
macro_rules! tests {
    ($($name:ident),* $(,)?) => {
        pub fn tests() -> Vec<(&'static str, $crate::support::TestFn)> {
            vec![$((
                concat!(module_path!(), "::", stringify!($name)).trim_start_matches("browser::"),
                (|page| Box::pin($name(page))) as $crate::support::TestFn,
            )),*]
        }
    };
}

/// The executables the tests drive.
#[derive(Debug)]
pub struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

/// Chromium and chromedriver from the environment variables, else from `PATH`; the error
/// says which is missing.
pub fn find_tools() -> Result<Tools, String> {
    let find = |variable: &str, names: &[&str]| -> Result<PathBuf, String> {
        if let Some(path) = std::env::var_os(variable).filter(|p| !p.is_empty()) {
            let path = PathBuf::from(path);
            return if path.is_file() {
                Ok(path)
            } else {
                Err(format!("{variable}={} ist keine Datei", path.display()))
            };
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
            .find(|candidate| candidate.is_file())
            .ok_or_else(|| format!("{} nicht gefunden", names.join(" oder ")))
    };
    Ok(Tools {
        chromium: find(
            "QUARTIER_TEST_CHROMIUM",
            &["chromium", "chromium-browser", "google-chrome"],
        )?,
        chromedriver: find("QUARTIER_TEST_CHROMEDRIVER", &["chromedriver"])?,
    })
}

/// A chromedriver process for the whole run, killed when dropped.
pub struct Driver {
    child: Child,
    url: String,
    chromium: PathBuf,
}

impl Driver {
    pub fn start(tools: &Tools) -> anyhow::Result<Driver> {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
            .local_addr()?
            .port();
        let child = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            chromium: tools.chromium.clone(),
        };
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let started = Instant::now();
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver answers not on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    /// A fresh browser (its own profile: no cookies, no cache) with a window of this size.
    async fn browser(&self, width: u32, height: u32) -> anyhow::Result<Client> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".to_owned(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({
                "binary": self.chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-background-networking", "--disable-dev-shm-usage",
                         "--lang=de-DE", format!("--window-size={width},{height}")],
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await?;
        Ok(client)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs one test: a fresh host and a fresh browser, both gone afterwards, also when the
/// test failed.
pub fn run(driver: &Driver, test: TestFn) -> Result<(), libtest_mimic::Failed> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let site = Site::start().await.map_err(|e| format!("{e:#}"))?;
        let client = driver
            .browser(1280, 1000)
            .await
            .map_err(|e| format!("{e:#}"))?;
        let page = Page {
            client: client.clone(),
            site: site.clone(),
        };
        let outcome = tokio::spawn(test(page)).await;
        let _ = client.close().await;
        site.remove().await;
        match outcome {
            Ok(()) => Ok(()),
            Err(e) if e.is_panic() => {
                let panic = e.into_panic();
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "test panicked".to_owned());
                Err(message.into())
            }
            Err(e) => Err(e.to_string().into()),
        }
    })
}

/// The axe-core release the pages are checked with (see `fixtures/README.md`).
const AXE: &str = include_str!("fixtures/axe.min.js");

/// The browser of one test, on its site.
pub struct Page {
    pub client: Client,
    pub site: Site,
}

impl Page {
    /// Opens a path of the site.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.site.base))
            .await
            .unwrap();
    }

    /// The address shown, without scheme and host: path and query.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The page's HTML as the browser holds it now.
    pub async fn html(&self) -> String {
        self.client.source().await.unwrap()
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let element = self.client.wait().for_element(Locator::Css(css)).await;
        let element = element.unwrap_or_else(|e| panic!("no {css} on {}: {e}", self.site.base));
        element.text().await.unwrap()
    }

    /// Types into the field with this label's `for` id, replacing what was there.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.client.find(Locator::Id(id)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Clicks the first element matching `css` and waits until the next page has loaded
    /// (the old page carries a mark the new one lacks).
    pub async fn click(&self, css: &str) {
        self.mark().await;
        let element = self.client.find(Locator::Css(css)).await.unwrap();
        element.click().await.unwrap();
        self.loaded(css).await;
    }

    /// Marks the page shown now, so [`Page::loaded`] can tell when another one replaced it.
    async fn mark(&self) {
        self.client
            .execute("window.quartierOldPage = true;", vec![])
            .await
            .unwrap();
    }

    /// Waits until a page without the mark has loaded completely. A page restored from the
    /// back/forward cache still carries the mark set before leaving it: this waits until it
    /// has been loaded anew (or fails).
    pub async fn loaded(&self, after: &str) {
        let started = Instant::now();
        loop {
            let loaded = self
                .client
                .execute(
                    "return window.quartierOldPage === undefined \
                     && document.readyState === 'complete';",
                    vec![],
                )
                .await
                .unwrap_or(Value::Bool(false));
            if loaded == Value::Bool(true) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{after} loaded no new page"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Fills the sign-in form on the current page and sends it.
    pub async fn sign_in(&self, username: &str, password: &str) {
        self.fill("feld-username", username).await;
        self.fill("feld-password", password).await;
        self.click("form.form button[type=submit]").await;
    }

    /// Presses Tab `count` times and names each element that gets the focus (its label's
    /// target id, else its text), with whether the focus is drawn visibly (an outline or a
    /// ring, as WCAG 2.4.7 asks).
    pub async fn tab_through(&self, count: usize) -> Vec<(String, bool)> {
        let mut visited = Vec::new();
        for _ in 0..count {
            let tab: char = Key::Tab.into();
            let keys = KeyActions::new("tastatur".to_owned())
                .then(KeyAction::Down { value: tab })
                .then(KeyAction::Up { value: tab });
            self.client.perform_actions(keys).await.unwrap();
            let focused = self
                .client
                .execute(
                    "const e = document.activeElement;
                     const s = getComputedStyle(e);
                     const drawn = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                         || s.boxShadow !== 'none';
                     return [e.id ? '#' + e.id : e.textContent.trim(), drawn];",
                    vec![],
                )
                .await
                .unwrap();
            visited.push((
                focused[0].as_str().unwrap_or_default().to_owned(),
                focused[1].as_bool().unwrap_or_default(),
            ));
        }
        visited
    }

    /// Resizes the window.
    pub async fn window(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.unwrap();
    }

    /// The page is no wider than the window: nothing to scroll sideways.
    pub async fn fits_width(&self) {
        let sizes = self
            .client
            .execute(
                "return [document.documentElement.scrollWidth, window.innerWidth];",
                vec![],
            )
            .await
            .unwrap();
        let (scroll, inner) = (sizes[0].as_i64().unwrap(), sizes[1].as_i64().unwrap());
        assert!(
            scroll <= inner,
            "{}: the page is {scroll} px wide in a {inner} px window",
            self.path().await
        );
    }

    /// Runs axe-core on the page and fails with every WCAG 2.1 A or AA violation found.
    pub async fn accessible(&self, what: &str) {
        self.client.execute(AXE, vec![]).await.unwrap();
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {
                     runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                     resultTypes: ['violations']
                 }).then(r => done(r.violations.map(v => ({
                     id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => n.target.join(' ') + ' – ' + (n.failureSummary || ''))
                 })))).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
                vec![],
            )
            .await
            .unwrap();
        let violations = found.as_array().cloned().unwrap_or_default();
        assert!(
            violations.is_empty(),
            "axe-core finds WCAG 2.1 A/AA violations on {what}:\n{}",
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }

    /// Saves a screenshot of the window as `screenshots/{name}.png` in the tests' temporary
    /// directory, for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}
