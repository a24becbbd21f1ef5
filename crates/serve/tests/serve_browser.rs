//! The page in real browsers: Chromium through chromedriver and Firefox
//! through geckodriver (WebDriver), driven by fantoccini against a real
//! server on a random localhost port. Each test runs in both; a browser that
//! is not installed is skipped with a message (Debian: `apt-get install
//! chromium chromium-driver firefox-esr`; geckodriver is not packaged:
//! `cargo install geckodriver`, on `PATH` or named by `GECKODRIVER`).

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{root, Server};
use fantoccini::{Client, ClientBuilder, Locator};
use gongkai::report::CheckStatus;

/// One browser at a time: the machine is small and browsers are not.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How long the page may take to show a report (debug build, shared machine).
const WAIT: Duration = Duration::from_secs(60);

/// The browsers the page must work in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Chromium,
    Firefox,
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A WebDriver server, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The browser and what it needs, or why the test is skipped.
struct Browser {
    kind: Kind,
    client: Client,
    _driver: Driver,
    downloads: PathBuf,
}

/// The browser's and its driver's programs, or why they are missing.
fn programs(kind: Kind) -> Result<(PathBuf, PathBuf), &'static str> {
    match kind {
        Kind::Chromium => match (
            on_path(&["chromium", "chromium-browser", "google-chrome"]),
            on_path(&["chromedriver"]),
        ) {
            (Some(browser), Some(driver)) => Ok((browser, driver)),
            _ => Err("Chromium or chromedriver is not installed \
                      (Debian: apt-get install chromium chromium-driver)"),
        },
        Kind::Firefox => {
            let driver = std::env::var_os("GECKODRIVER")
                .map(PathBuf::from)
                .filter(|p| p.is_file())
                .or_else(|| on_path(&["geckodriver"]));
            match (on_path(&["firefox", "firefox-esr"]), driver) {
                (Some(browser), Some(driver)) => Ok((browser, driver)),
                _ => Err("Firefox or geckodriver is not installed (Debian: apt-get \
                          install firefox-esr; cargo install geckodriver, then put it on \
                          PATH or name it in GECKODRIVER)"),
            }
        }
    }
}

/// A fresh Firefox profile at `profile` whose window may be as narrow as a
/// phone: Firefox's own window style keeps it at least 500 CSS px wide
/// (`--width`, `MOZ_HEADLESS_WIDTH` and window resizes stop there, headless
/// too), which the profile's `userChrome.css` lifts.
fn firefox_profile(profile: &Path) -> &Path {
    let _ = std::fs::remove_dir_all(profile);
    std::fs::create_dir_all(profile.join("chrome")).unwrap();
    std::fs::write(
        profile.join("chrome/userChrome.css"),
        ":root { min-width: 0 !important; }\n",
    )
    .unwrap();
    profile
}

/// What the session asks of the browser: headless, a laptop's window,
/// Chinese first, downloads saved to `downloads` without asking.
fn capabilities(kind: Kind, binary: &Path, downloads: &Path) -> serde_json::Value {
    match kind {
        Kind::Chromium => serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN"],
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                },
            },
        }),
        Kind::Firefox => serde_json::json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": binary,
                "args": ["-headless", "--width=1366", "--height=768",
                         "-profile", firefox_profile(&downloads.with_extension("profile"))],
                "prefs": {
                    "toolkit.legacyUserProfileCustomizations.stylesheets": true,
                    "intl.accept_languages": "zh-CN",
                    "browser.download.folderList": 2,
                    "browser.download.dir": downloads,
                    "browser.download.useDownloadDir": true,
                    "browser.download.always_ask_before_handling_new_types": false,
                    "browser.download.manager.showWhenStarting": false,
                    "browser.helperApps.neverAsk.saveToDisk":
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/octet-stream",
                },
            },
        }),
    }
}

async fn browser(kind: Kind, name: &str) -> Option<Browser> {
    let (binary, driver_program) = match programs(kind) {
        Ok(found) => found,
        Err(why) => {
            eprintln!("SKIPPED {name} in {kind:?}: {why}");
            return None;
        }
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let mut command = Command::new(driver_program);
    match kind {
        Kind::Chromium => command.arg(format!("--port={port}")),
        Kind::Firefox => command.args(["--port", &port.to_string()]),
    };
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let downloads = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("downloads-{kind:?}-{name}").to_lowercase());
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let serde_json::Value::Object(capabilities) = capabilities(kind, &binary, &downloads) else {
        unreachable!()
    };
    let started = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&driver.url)
            .await
        {
            Ok(client) => {
                return Some(Browser {
                    kind,
                    client,
                    _driver: driver,
                    downloads,
                })
            }
            Err(e) if started.elapsed() > Duration::from_secs(30) => {
                panic!("cannot start {kind:?} through its WebDriver: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// Each scenario as one test per browser.
macro_rules! in_each_browser {
    ($($scenario:ident => $chromium:ident, $firefox:ident;)*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $chromium() {
                $scenario(Kind::Chromium).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $firefox() {
                $scenario(Kind::Firefox).await;
            }
        )*
    };
}

in_each_browser! {
    failed_check => chromium_shows_a_failed_check_red_with_its_explanation_and_the_xlsx_reads_back,
        firefox_shows_a_failed_check_red_with_its_explanation_and_the_xlsx_reads_back;
    uncertain_check => chromium_shows_an_uncertain_check_amber_with_its_explanation,
        firefox_shows_an_uncertain_check_amber_with_its_explanation;
    script_title => chromium_shows_a_title_with_a_script_as_text_and_never_runs_it,
        firefox_shows_a_title_with_a_script_as_text_and_never_runs_it;
    batch => chromium_shows_many_files_with_status_and_totals_at_laptop_and_phone_widths,
        firefox_shows_many_files_with_status_and_totals_at_laptop_and_phone_widths;
}

/// A CSS colour's red, green, blue and alpha: Chromium writes
/// `rgba(255, 221, 221, 1)`, Firefox `rgb(255, 221, 221)`.
fn rgba(css: &str) -> Vec<f64> {
    let inner = css
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("not a colour: {css:?}"));
    let mut parts: Vec<f64> = inner
        .split(',')
        .map(|p| p.trim().parse().unwrap())
        .collect();
    if parts.len() == 3 {
        parts.push(1.0);
    }
    parts
}

/// The messages of a fixture's checks with `status`, as gongkai reads it.
fn messages_with(fixture: &str, status: CheckStatus) -> Vec<String> {
    let report = gongkai::load(
        &std::fs::read(fixture_path(fixture)).unwrap(),
        Path::new(fixture).file_name().and_then(|n| n.to_str()),
        &gongkai::ReadOptions::default(),
    )
    .unwrap();
    report
        .checks
        .iter()
        .filter(|c| c.status == status)
        .map(|c| c.message.clone())
        .collect()
}

fn fixture_path(path: &str) -> String {
    root()
        .join("fixtures")
        .join(path)
        .canonicalize()
        .unwrap()
        .display()
        .to_string()
}

/// Pick files in the page's file input (several: one path per line).
async fn pick(client: &Client, paths: &[&str]) {
    let input = client.find(Locator::Id("files")).await.unwrap();
    let list: Vec<String> = paths.iter().map(|p| fixture_path(p)).collect();
    input.send_keys(&list.join("\n")).await.unwrap();
}

async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never showed: {e}"))
}

/// The finished download in `dir` ending in `extension` (Firefox writes
/// an empty file of that name and fills it through a `.part` file).
async fn downloaded(dir: &Path, extension: &str) -> PathBuf {
    let started = Instant::now();
    loop {
        let files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        let partial = files.iter().any(|p| {
            p.extension()
                .is_some_and(|e| e == "part" || e == "crdownload")
        });
        let found = files.into_iter().find(|p| {
            p.extension().is_some_and(|e| e == extension)
                && std::fs::metadata(p).is_ok_and(|m| m.len() > 0)
        });
        if let (false, Some(path)) = (partial, found) {
            return path;
        }
        assert!(started.elapsed() < WAIT, "no .{extension} downloaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A picture of the page for people to look at, in the target's temporary
/// directory (`docs/serve.png` is the Chromium one).
async fn picture(b: &Browser, name: &str) {
    let png = b.client.screenshot().await.unwrap();
    let kind = format!("{:?}", b.kind).to_lowercase();
    std::fs::write(
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{kind}-{name}")),
        png,
    )
    .unwrap();
}

/// Click a marked cell and read the explanation the page shows for it.
async fn explanation_of(c: &Client, cell: &fantoccini::elements::Element) -> String {
    cell.click().await.unwrap();
    wait_for(c, "#tip:not([hidden])")
        .await
        .text()
        .await
        .unwrap()
}

/// A scenario's start: one browser at a time, on the page of a fresh
/// server with two workers.
struct Page {
    browser: Browser,
    server: Server,
    _one: tokio::sync::MutexGuard<'static, ()>,
}

impl Page {
    /// The page in `kind`, or `None` (with a message) when it is not installed.
    async fn open(kind: Kind, scenario: &str) -> Option<Page> {
        let one = ONE_AT_A_TIME.lock().await;
        let browser = browser(kind, scenario).await?;
        let server = Server::default_with(2).await;
        browser.client.goto(&server.url("/")).await.unwrap();
        Some(Page {
            browser,
            server,
            _one: one,
        })
    }

    /// End the browser session, then the server.
    async fn close(self) {
        self.browser.client.close().await.unwrap();
        self.server.stop().await;
    }
}

async fn failed_check(kind: Kind) {
    let Some(page) = Page::open(kind, "failed-check").await else {
        return;
    };
    let (b, c) = (&page.browser, &page.browser.client);
    let fixture = "pdf/printed-mistakes.pdf";
    pick(c, &[fixture]).await;
    let cell = wait_for(c, "#form td.fail").await;
    // Red, as the legend says (#fdd).
    let background = cell.css_value("background-color").await.unwrap();
    assert_eq!(
        rgba(&background),
        [255.0, 221.0, 221.0, 1.0],
        "{background}"
    );
    // Its explanation is the rule with the numbers: a failed check's message.
    let original = gongkai::load(
        &std::fs::read(fixture_path(fixture)).unwrap(),
        Some("printed-mistakes.pdf"),
        &gongkai::ReadOptions::default(),
    )
    .unwrap();
    let messages = messages_with(fixture, CheckStatus::Fail);
    let explanation = explanation_of(c, &cell).await;
    assert!(
        messages.contains(&explanation),
        "{explanation:?} not among {messages:?}"
    );
    assert!(explanation.chars().any(|ch| ch.is_ascii_digit()));
    // The picture in docs/: the marked cell, its explanation shown.
    c.execute(
        "const r = document.querySelector('#form td.fail').getBoundingClientRect(); \
         window.scrollBy(0, r.top - 260);",
        vec![],
    )
    .await
    .unwrap();
    cell.click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    picture(b, "serve-report.png").await;
    // The title, organ and status of the report.
    let title = c
        .find(Locator::Id("r-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(Some(title.as_str()), original.title.as_deref());
    let organ = c
        .find(Locator::Id("r-organ"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(Some(organ.as_str()), original.organ.as_deref());
    // Download the XLSX and read it back: the same tables.
    c.find(Locator::Css(".downloads button[data-to=xlsx]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let xlsx = downloaded(&b.downloads, "xlsx").await;
    assert_eq!(xlsx.file_name().unwrap(), "printed-mistakes.xlsx");
    let data = std::fs::read(&xlsx).unwrap();
    let back = gongkai::load(&data, Some("r.xlsx"), &gongkai::ReadOptions::default()).unwrap();
    let tables = |r: &gongkai::Report| {
        serde_json::json!([
            r.active_disclosure,
            r.applications,
            r.review_litigation,
            r.year
        ])
    };
    assert_eq!(tables(&back), tables(&original));
    assert_eq!(
        back.count_checks(CheckStatus::Fail),
        original.count_checks(CheckStatus::Fail)
    );
    page.close().await;
}

async fn uncertain_check(kind: Kind) {
    let Some(page) = Page::open(kind, "uncertain-check").await else {
        return;
    };
    let (b, c) = (&page.browser, &page.browser.client);
    // Notes in cells leave 表三 and 表四 sums that cannot be decided: a
    // blank read from `见附件` is not a 0.
    let fixture = "docx/notes-in-cells.docx";
    let messages = messages_with(fixture, CheckStatus::Uncertain);
    assert!(!messages.is_empty(), "{fixture} has no uncertain check");
    pick(c, &[fixture]).await;
    let cell = wait_for(c, "#form td.uncertain").await;
    // Amber, as the legend says (#ffe9a8).
    let background = cell.css_value("background-color").await.unwrap();
    assert_eq!(
        rgba(&background),
        [255.0, 233.0, 168.0, 1.0],
        "{background}"
    );
    let legend = c
        .find(Locator::Css(".swatch.uncertain"))
        .await
        .unwrap()
        .css_value("background-color")
        .await
        .unwrap();
    assert_eq!(rgba(&legend), rgba(&background));
    // Its explanation is an uncertain check's message, on tap or click.
    let explanation = explanation_of(c, &cell).await;
    assert!(
        messages.contains(&explanation),
        "{explanation:?} not among {messages:?}"
    );
    // Every amber cell explains itself so.
    let cells = c
        .find_all(Locator::Css("#form td.uncertain"))
        .await
        .unwrap();
    assert!(!cells.is_empty());
    for cell in &cells {
        let explanation = explanation_of(c, cell).await;
        assert!(messages.contains(&explanation), "{explanation:?}");
    }
    picture(b, "serve-uncertain.png").await;
    page.close().await;
}

async fn script_title(kind: Kind) {
    let Some(page) = Page::open(kind, "script-title").await else {
        return;
    };
    let c = &page.browser.client;
    pick(c, &["text/script-in-title.txt"]).await;
    wait_for(c, "#form td.fail").await;
    let title = c
        .find(Locator::Id("r-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        title,
        "2024年慈溪市匡堰镇人民政府信息公开工作<script>gongkaiPwned=1</script>年度报告"
    );
    // Give an injected image's error handler time to fire, had there been one.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let ran = c
        .execute(
            "return [typeof window.gongkaiPwned, document.querySelectorAll('img').length, \
             document.querySelectorAll('script').length];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ran, serde_json::json!(["undefined", 0, 1]));
    page.close().await;
}

async fn batch(kind: Kind) {
    let Some(page) = Page::open(kind, "batch").await else {
        return;
    };
    let (b, c) = (&page.browser, &page.browser.client);
    pick(
        c,
        &[
            "pdf/printed-mistakes.pdf",
            "docx/full-2021.docx",
            "bad/encrypted.pdf",
        ],
    )
    .await;
    // Wait until no file is waiting or being checked.
    let started = Instant::now();
    let statuses = loop {
        let s = c
            .execute(
                "return Array.from(document.querySelectorAll('#file-table tbody .status')).map(e => e.className);",
                vec![],
            )
            .await
            .unwrap();
        let done = s.as_array().is_some_and(|a| {
            a.len() == 3
                && a.iter().all(|v| {
                    let class = v.as_str().unwrap_or_default();
                    !class.contains("waiting")
                        && !class.contains("checking")
                        && !class.contains("busy")
                })
        });
        if done {
            break s;
        }
        assert!(started.elapsed() < WAIT, "still checking: {s}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(
        statuses,
        serde_json::json!(["status failed-checks", "status ok", "status error"])
    );
    let total = c
        .find(Locator::Css("#file-table tfoot td"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(total, "合计");
    // The encrypted file's row shows the CLI's reason. (A row is clicked
    // through its first cell, as people do: geckodriver cannot click a
    // `<tr>` itself, "could not be scrolled into view".)
    c.find(Locator::Css("#file-table tbody tr:nth-child(3) td"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let reason = wait_for(c, "#failure:not([hidden]) #f-reason")
        .await
        .text()
        .await
        .unwrap();
    assert!(reason.starts_with("encrypted pdf file: "), "{reason}");
    // Back to the first report; the summary downloads.
    c.find(Locator::Css("#file-table tbody tr:nth-child(1) td"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(c, "#report:not([hidden]) #form td.fail").await;
    c.find(Locator::Id("summary-csv"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let csv = std::fs::read_to_string(downloaded(&b.downloads, "csv").await).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains("encrypted.pdf,error,"), "{csv}");
    // The English switch.
    c.find(Locator::Id("lang"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let head = c
        .find(Locator::Css("header h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(head, "Annual disclosure report checker");
    c.find(Locator::Id("lang"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Usable at 1366×768 and at a phone's width: the window is that wide
    // and nothing on the page is wider.
    for (width, height, name) in [
        (1366, 768, "serve-1366x768.png"),
        (375, 812, "serve-phone.png"),
    ] {
        c.set_window_size(width, height).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let inner = c
            .execute("return window.innerWidth;", vec![])
            .await
            .unwrap();
        assert_eq!(inner, serde_json::json!(width), "{:?} window", b.kind);
        let overflow = c
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(overflow, serde_json::json!(0), "page wider than {width} px");
        picture(b, name).await;
    }
    page.close().await;
}
