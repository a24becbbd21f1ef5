//! The page in a real browser: Chromium through chromedriver (WebDriver),
//! driven by fantoccini against a real server on a random localhost port.
//! Skipped, with a message, when Chromium or chromedriver is not installed
//! (Debian: `apt-get install chromium chromium-driver`).

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{root, Server};
use fantoccini::{Client, ClientBuilder, Locator};
use gongkai::report::CheckStatus;

/// One browser at a time: the machine is small and Chromium is not.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How long the page may take to show a report (debug build, shared machine).
const WAIT: Duration = Duration::from_secs(60);

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver, killed when dropped.
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
    client: Client,
    _driver: Driver,
    downloads: PathBuf,
}

async fn browser(name: &str) -> Option<Browser> {
    let (Some(chromium), Some(chromedriver)) = (
        on_path(&["chromium", "chromium-browser", "google-chrome"]),
        on_path(&["chromedriver"]),
    ) else {
        eprintln!(
            "SKIPPED {name}: Chromium or chromedriver is not installed \
             (Debian: apt-get install chromium chromium-driver)"
        );
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let downloads = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("downloads-{name}"));
    let _ = std::fs::remove_dir_all(&downloads);
    std::fs::create_dir_all(&downloads).unwrap();
    let capabilities = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN"],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            },
        },
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
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
                    client,
                    _driver: driver,
                    downloads,
                })
            }
            Err(e) if started.elapsed() > Duration::from_secs(20) => {
                panic!("cannot start Chromium through chromedriver: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
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

/// The finished download in `dir` ending in `extension`.
async fn downloaded(dir: &Path, extension: &str) -> PathBuf {
    let started = Instant::now();
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|e| e == extension));
        if let Some(path) = found {
            return path;
        }
        assert!(started.elapsed() < WAIT, "no .{extension} downloaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_check_is_red_with_its_explanation_and_the_xlsx_reads_back() {
    let _one = ONE_AT_A_TIME.lock().await;
    let Some(b) = browser("failed-check").await else {
        return;
    };
    let server = Server::default_with(2).await;
    let c = &b.client;
    c.goto(&server.url("/")).await.unwrap();
    let fixture = "pdf/printed-mistakes.pdf";
    pick(c, &[fixture]).await;
    let cell = wait_for(c, "#form td.fail").await;
    // Red, as the legend says.
    let background = cell.css_value("background-color").await.unwrap();
    assert_eq!(background, "rgba(255, 221, 221, 1)");
    // Its explanation is the rule with the numbers: a failed check's message.
    let original = gongkai::load(
        &std::fs::read(fixture_path(fixture)).unwrap(),
        Some("printed-mistakes.pdf"),
        &gongkai::ReadOptions::default(),
    )
    .unwrap();
    let messages: Vec<&str> = original
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.message.as_str())
        .collect();
    cell.click().await.unwrap();
    let tip = wait_for(c, "#tip:not([hidden])").await;
    let explanation = tip.text().await.unwrap();
    assert!(
        messages.contains(&explanation.as_str()),
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
    let png = c.screenshot().await.unwrap();
    std::fs::write(
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-report.png"),
        png,
    )
    .unwrap();
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
    b.client.close().await.unwrap();
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_title_with_a_script_is_shown_as_text_and_never_runs() {
    let _one = ONE_AT_A_TIME.lock().await;
    let Some(b) = browser("script-title").await else {
        return;
    };
    let server = Server::default_with(2).await;
    let c = &b.client;
    c.goto(&server.url("/")).await.unwrap();
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
    b.client.close().await.unwrap();
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_files_show_status_totals_and_fit_a_laptop_and_a_phone() {
    let _one = ONE_AT_A_TIME.lock().await;
    let Some(b) = browser("batch").await else {
        return;
    };
    let server = Server::default_with(2).await;
    let c = &b.client;
    c.goto(&server.url("/")).await.unwrap();
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
    // The encrypted file's row shows the CLI's reason.
    c.find(Locator::Css("#file-table tbody tr:nth-child(3)"))
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
    c.find(Locator::Css("#file-table tbody tr:nth-child(1)"))
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
    // Usable at 1366×768 and at a phone's width: nothing wider than the window.
    for (width, height, name) in [
        (1366, 768, "serve-1366x768.png"),
        (390, 844, "serve-phone.png"),
    ] {
        c.set_window_size(width, height).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let overflow = c
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(overflow, serde_json::json!(0), "page wider than {width} px");
        let png = c.screenshot().await.unwrap();
        std::fs::write(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name), png).unwrap();
    }
    b.client.close().await.unwrap();
    server.stop().await;
}
