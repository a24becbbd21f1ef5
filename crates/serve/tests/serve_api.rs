//! The API against a real server on a random localhost port: every fixture
//! format, hostile and oversized files, the queue, the time limit, shutdown.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::{fixture, json, upload, Server};
use gongkai_serve::Config;

fn config() -> Config {
    Config::new(SocketAddr::from(([127, 0, 0, 1], 0)))
}

/// One fixture of each input format, and the reader that must read it.
const FORMATS: &[(&str, &str)] = &[
    ("docx/full-2021.docx", "docx"),
    ("pdf/full-2021.pdf", "pdf"),
    ("xlsx/date-formats.xlsx", "xlsx"),
    ("text/seed000-utf8bom.txt", "text"),
    ("markdown/sample.md", "markdown"),
    ("html/lo-full-2021.html", "html"),
];

/// The fixture's expected title, organ and year, where it states them.
fn expected_meta(path: &str) -> serde_json::Value {
    let stem = path.rsplit_once('.').map(|(s, _)| s).unwrap_or(path);
    let file = common::root().join(format!("fixtures/{stem}.expected.json"));
    match std::fs::read_to_string(file) {
        Ok(text) => serde_json::from_str(&text).unwrap(),
        Err(_) => serde_json::Value::Null,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fixture_format_converts_to_every_output() {
    let server = Server::default_with(2).await;
    let client = reqwest::Client::new();
    for (path, format) in FORMATS {
        let name = path.rsplit('/').next().unwrap();
        let response = upload(&client, &server, "/api/convert", name, fixture(path)).await;
        assert_eq!(response.status(), 200, "{path}");
        let text = response.text().await.unwrap();
        let report: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(report["schema"], "gongkai.report/1", "{path}");
        assert_eq!(report["source"]["format"], *format, "{path}");
        assert_eq!(report["source"]["file"], name, "{path}");
        let expected = expected_meta(path);
        for key in ["title", "organ", "year"] {
            if let Some(value) = expected.get(key) {
                assert_eq!(&report[key], value, "{path} {key}");
            }
        }
        // The report's JSON reads back as a report (the JSON reader).
        let again = upload(
            &client,
            &server,
            "/api/convert",
            "report.json",
            text.into_bytes(),
        )
        .await;
        assert_eq!(again.status(), 200, "{path} as JSON");
        assert_eq!(json(again).await, report, "{path} as JSON");
        for (to, starts, kind) in [
            ("xlsx", &b"PK"[..], "spreadsheetml"),
            ("md", "#".as_bytes(), "text/markdown"),
            ("html", &b"<!DOCTYPE html>"[..], "text/html"),
        ] {
            let r = upload(
                &client,
                &server,
                &format!("/api/convert?to={to}"),
                name,
                fixture(path),
            )
            .await;
            assert_eq!(r.status(), 200, "{path} to {to}");
            let header = r.headers()["content-type"].to_str().unwrap().to_string();
            assert!(header.contains(kind), "{path} to {to}: {header}");
            let disposition = r.headers()["content-disposition"].to_str().unwrap();
            assert_eq!(disposition, format!("attachment; filename=\"report.{to}\""));
            let body = r.bytes().await.unwrap();
            assert!(body.starts_with(starts), "{path} to {to}");
        }
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validate_lists_the_failed_checks() {
    let server = Server::default_with(1).await;
    let client = reqwest::Client::new();
    let path = "text/seed004-printed-mistakes.txt";
    let r = upload(&client, &server, "/api/validate", "m.txt", fixture(path)).await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    assert_eq!(v["status"], "failed-checks");
    // The four broken sums, and the prose's 办结1件 against the table's 2.
    assert_eq!(v["failed"], 5);
    let ids: Vec<&str> = v["not_passed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in [
        "t3.results_total",
        "t3.row_total",
        "t3.balance",
        "t4.block_total",
        "text.total_processed",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let block = v["not_passed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "t4.block_total")
        .unwrap();
    assert_eq!(
        block["message"],
        "行政复议: 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11, 总计 0"
    );
    assert_eq!(v["totals"]["review"], 0.0);
    server.stop().await;
}

/// An incomplete report: the English reason, and the tables at fault typed
/// for the page to word in its own language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incomplete_report_names_its_tables() {
    let server = Server::default_with(1).await;
    let client = reqwest::Client::new();
    let text = "某某市某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度我局主动公开政府信息。\n";
    let r = upload(&client, &server, "/api/validate", "a.txt", text.into()).await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    assert_eq!(v["status"], "incomplete");
    assert_eq!(v["incomplete"], "表三 not found, 表四 not found");
    assert_eq!(
        v["incomplete_tables"],
        serde_json::json!([
            {"table": "表三", "gap": "missing"},
            {"table": "表四", "gap": "missing"}
        ])
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_view_escapes_a_title_with_markup() {
    let server = Server::default_with(1).await;
    let client = reqwest::Client::new();
    let r = upload(
        &client,
        &server,
        "/api/view",
        "<img src=x onerror=alert(1)>.txt",
        fixture("text/script-in-title.txt"),
    )
    .await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    let expected = expected_meta("text/script-in-title.txt");
    assert_eq!(v["summary"]["title"], expected["title"]);
    assert_eq!(v["summary"]["file"], "<img src=x onerror=alert(1)>.txt");
    let html = v["html"].as_str().unwrap();
    assert!(html.starts_with("<article>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;gongkaiPwned=1&lt;/script&gt;"));
    assert!(html.contains("&lt;img/src=x/onerror=gongkaiPwned=2&gt;"));
    assert!(html.contains("class=\"fail\""));
    // Each check that did not pass, with where its cells were read.
    let located = v["located"].as_array().unwrap();
    assert_eq!(located.len(), 5);
    assert!(located
        .iter()
        .all(|c| c["read_at"].as_array().is_some_and(|r| !r.is_empty())));
    assert!(located[0]["read_at"][0]["at"]
        .as_str()
        .unwrap()
        .starts_with("line "));
    assert_eq!(v["report"]["title"], expected["title"]);
    server.stop().await;
}

/// Each hostile or broken file gets the status code its kind of failure
/// calls for, and the one-line reason the CLI prints after the file name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_and_broken_files_get_the_cli_reason() {
    let server = Server::default_with(2).await;
    let client = reqwest::Client::new();
    for (path, code) in [
        ("bad/encrypted.pdf", 400),
        ("bad/truncated.docx", 400),
        ("bad/zip-bomb.docx", 413),
        ("bad/billion-laughs.docx", 422),
        ("bad/pdf-page-tree-loop.pdf", 400),
        ("bad/legacy.doc", 415),
        ("bad/empty.txt", 400),
        ("bad/euc-kr.txt", 422),
    ] {
        let name = path.rsplit('/').next().unwrap();
        let data = fixture(path);
        let cli_reason = gongkai::load(&data, Some(name), &gongkai::ReadOptions::default())
            .unwrap_err()
            .to_string();
        let r = upload(&client, &server, "/api/convert", name, data).await;
        assert_eq!(r.status().as_u16(), code, "{path}: {cli_reason}");
        assert_eq!(r.headers()["content-type"], "application/json");
        let v = json(r).await;
        assert_eq!(v["error"], cli_reason, "{path}");
    }
    // A GIF: a picture no reader takes (PNG, JPEG and TIFF go to OCR).
    let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
    gif.extend((0..=255u8).cycle().take(2000));
    let r = upload(&client, &server, "/api/convert", "x.gif", gif).await;
    assert_eq!(r.status(), 415);
    let v = json(r).await;
    assert_eq!(v["status"], "unsupported");
    assert!(v["error"]
        .as_str()
        .unwrap()
        .starts_with("unknown format: the content is not "));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_upload_is_413_with_the_limit_flag() {
    let mut config = config();
    config.options.limits.max_input_bytes = 1000;
    let server = Server::start(config).await;
    let client = reqwest::Client::new();
    let data = fixture("text/seed004-printed-mistakes.txt");
    assert!(data.len() > 1000);
    let r = upload(&client, &server, "/api/convert", "big.txt", data).await;
    assert_eq!(r.status(), 413);
    let reason = json(r).await["error"].as_str().unwrap().to_string();
    assert!(
        reason.starts_with("file of at least ")
            && reason
                .ends_with("exceeds the limit of 1000 bytes (raise it with --max-input-bytes)"),
        "{reason}"
    );
    // A file at the limit is read.
    let r = upload(&client, &server, "/api/convert", "a.txt", vec![b'a'; 1000]).await;
    assert_ne!(r.status(), 413);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_beyond_the_queue_get_503() {
    let mut config = config();
    config.jobs = 1;
    config.queue = 1;
    let server = std::sync::Arc::new(Server::start(config).await);
    let client = reqwest::Client::new();
    let data = fixture("pdf/full-2021.pdf");
    let mut tasks = Vec::new();
    for i in 0..12 {
        let (client, server, data) = (client.clone(), server.clone(), data.clone());
        tasks.push(tokio::spawn(async move {
            let r = upload(&client, &server, "/api/convert", &format!("{i}.pdf"), data).await;
            let code = r.status().as_u16();
            let retry = r.headers().get("retry-after").is_some();
            let body = json(r).await;
            (code, retry, body)
        }));
    }
    let mut ok = 0;
    let mut busy = 0;
    for t in tasks {
        let (code, retry, body) = t.await.unwrap();
        match code {
            200 => ok += 1,
            503 => {
                busy += 1;
                assert!(retry);
                assert_eq!(body["status"], "busy");
                assert!(body["error"].as_str().unwrap().starts_with("busy: "));
            }
            other => panic!("status {other}: {body}"),
        }
    }
    assert!(ok >= 2, "{ok} ok, {busy} busy");
    assert!(busy >= 1, "{ok} ok, {busy} busy");
    let server = std::sync::Arc::try_unwrap(server).ok().unwrap();
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conversion_past_the_timeout_is_504() {
    let mut config = config();
    config.jobs = 1;
    config.timeout = Some(Duration::from_millis(1));
    let server = Server::start(config).await;
    let client = reqwest::Client::new();
    let r = upload(
        &client,
        &server,
        "/api/convert",
        "r.pdf",
        fixture("pdf/full-2021.pdf"),
    )
    .await;
    assert_eq!(r.status(), 504);
    assert_eq!(json(r).await["error"], "timed out after 0.001 s");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_are_400_json() {
    let server = Server::default_with(1).await;
    let client = reqwest::Client::new();
    let r = client
        .post(server.url("/api/convert"))
        .body("plain")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(json(r).await["error"]
        .as_str()
        .unwrap()
        .starts_with("expected a multipart/form-data upload"));
    let r = upload(
        &client,
        &server,
        "/api/convert?to=docx",
        "a.txt",
        fixture("text/seed000-utf8bom.txt"),
    )
    .await;
    assert_eq!(r.status(), 400);
    assert!(json(r).await["error"]
        .as_str()
        .unwrap()
        .starts_with("unknown output format `docx`"));
    let form = reqwest::multipart::Form::new().text("other", "x");
    let r = client
        .post(server.url("/api/validate"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(json(r).await["error"], "no `file` field in the upload");
    let r = client.get(server.url("/etc/passwd")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = client.get(server.url("/api/convert")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_formats_openapi_and_the_page() {
    let server = Server::default_with(3).await;
    let client = reqwest::Client::new();
    let health = json(client.get(server.url("/healthz")).send().await.unwrap()).await;
    assert_eq!(health["status"], "ok");
    assert_eq!(health["pool"]["workers"], 3);
    assert_eq!(health["pool"]["queue"], 192);
    let formats = json(client.get(server.url("/api/formats")).send().await.unwrap()).await;
    let readers: Vec<&str> = formats["readers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for r in ["docx", "pdf", "xlsx", "text", "markdown", "html", "json"] {
        assert!(readers.contains(&r), "{r}");
    }
    let openapi = json(
        client
            .get(server.url("/api/openapi.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(openapi["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/convert",
        "/api/validate",
        "/api/view",
        "/api/formats",
        "/api/openapi.json",
        "/healthz",
    ] {
        assert!(openapi["paths"].get(path).is_some(), "{path} documented");
    }
    let page = client.get(server.url("/")).send().await.unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe"),
        "{csp}"
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("<script src=\"/assets/app.js\""));
    // No inline script or style: every <script> names its file.
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script src=").count()
    );
    assert!(!html.contains("<style") && !html.contains(" style="));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
    for (asset, kind) in [("app.js", "text/javascript"), ("app.css", "text/css")] {
        let r = client
            .get(server.url(&format!("/assets/{asset}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(kind));
        let body = r.text().await.unwrap();
        assert!(
            !body.contains("http://") && !body.contains("https://"),
            "no CDN in {asset}"
        );
    }
    let r = client
        .get(server.url("/assets/..%2Fsrc%2Flib.rs"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_the_running_request() {
    let server = Server::default_with(1).await;
    let client = reqwest::Client::new();
    let request = {
        let client = client.clone();
        let url = server.url("/api/convert");
        tokio::spawn(async move {
            let part =
                reqwest::multipart::Part::bytes(fixture("pdf/full-2021.pdf")).file_name("r.pdf");
            let form = reqwest::multipart::Form::new().part("file", part);
            client.post(url).multipart(form).send().await
        })
    };
    // Wait until the conversion runs, then stop the server.
    let health = server.url("/healthz");
    let mut running = false;
    for _ in 0..2000 {
        let h = json(client.get(&health).send().await.unwrap()).await;
        if h["pool"]["running"] == 1 {
            running = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    assert!(running, "the conversion never ran");
    server.stop().await;
    let response = request.await.unwrap().unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(json(response).await["source"]["format"], "pdf");
}
