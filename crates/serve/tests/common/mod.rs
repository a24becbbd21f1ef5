//! A real server on a random localhost port, and uploads to it.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use gongkai_serve::Config;
use tokio::sync::oneshot;

/// A running server.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Server {
    /// Start a server with `config` (its address is ignored: port 0).
    pub async fn start(mut config: Config) -> Server {
        config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
        let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            gongkai_serve::serve(listener, &config, async {
                let _ = stopped.await;
            })
            .await
        });
        Server {
            base,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Start a server with the defaults and `jobs` workers.
    pub async fn default_with(jobs: usize) -> Server {
        let mut config = Config::new(SocketAddr::from(([127, 0, 0, 1], 0)));
        config.jobs = jobs;
        Server::start(config).await
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Ask the server to stop and wait until it has (running requests finish).
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture's bytes.
pub fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join("fixtures").join(path)).unwrap()
}

/// POST `data` as the `file` field named `name` to `path`.
pub async fn upload(
    client: &reqwest::Client,
    server: &Server,
    path: &str,
    name: &str,
    data: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(data).file_name(name.to_string());
    let form = reqwest::multipart::Form::new().part("file", part);
    client
        .post(server.url(path))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The JSON body of a response.
pub async fn json(response: reqwest::Response) -> serde_json::Value {
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}
