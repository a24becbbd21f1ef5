//! `gongkai serve`: the checking service and its web page, in one process.
//!
//! An officer drops reports into the page; the page posts them to the API,
//! which runs each through the facade ([`gongkai::load`]) on a bounded worker
//! pool ([`pool`]) and answers with the report, its checks and its tables.
//! Uploads stay in memory (never on disk), a client's file name is only a
//! hint for the reader and a label, and the page and its assets are compiled
//! into the binary.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod api;
mod error;
mod page;
pub mod pool;
mod upload;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use gongkai::ReadOptions;
use tokio::net::TcpListener;

pub use error::ApiError;
pub use pool::Pool;

/// The address the service binds to unless told otherwise: this machine only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Requests that may wait per worker by default. A waiting request holds
/// its connection and not its upload (uploads are read when a worker is
/// near, see [`pool`]), so a long queue costs little memory and spares
/// clients the round trips of 503s.
pub const QUEUE_PER_WORKER: usize = 64;

/// How the service runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// Conversions at once (0: one per core).
    pub jobs: usize,
    /// Requests that may wait for a worker; more get 503 at once.
    pub queue: usize,
    /// Time allowed to one conversion (and to its wait in the queue);
    /// `None` for no limit.
    pub timeout: Option<Duration>,
    /// The readers' limits (`--max-input-bytes` is the upload limit).
    pub options: ReadOptions,
}

impl Config {
    /// The service on `addr` with one worker per core, a queue of
    /// [`QUEUE_PER_WORKER`] requests per worker, the CLI's default time
    /// limit and limits.
    pub fn new(addr: SocketAddr) -> Self {
        Config {
            addr,
            jobs: 0,
            queue: 0,
            timeout: Some(Duration::from_secs(120)),
            options: ReadOptions::default(),
        }
    }

    /// The number of workers (`jobs`, or one per core).
    pub fn workers(&self) -> usize {
        match self.jobs {
            0 => std::thread::available_parallelism().map_or(1, |c| c.get()),
            n => n,
        }
    }

    /// The queue length (`queue`, or [`QUEUE_PER_WORKER`] per worker).
    pub fn queue_len(&self) -> usize {
        match self.queue {
            0 => self.workers().saturating_mul(QUEUE_PER_WORKER),
            n => n,
        }
    }
}

/// Why the service could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime could not start, or the server failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct State {
    pub(crate) pool: Arc<Pool>,
    pub(crate) options: Arc<ReadOptions>,
}

/// The service's routes.
pub fn router(config: &Config) -> Router {
    let state = State {
        pool: Arc::new(Pool::new(
            config.workers(),
            config.queue_len(),
            config.timeout,
        )),
        options: Arc::new(config.options.clone()),
    };
    Router::new()
        .route("/", get(page::index))
        .route("/assets/{name}", get(page::asset))
        .route("/healthz", get(api::health))
        .route("/api/formats", get(api::formats))
        .route("/api/openapi.json", get(page::openapi))
        .route("/api/convert", post(api::convert))
        .route("/api/validate", post(api::validate))
        .route("/api/view", post(api::view))
        .fallback(api::not_found)
        // The upload is counted against --max-input-bytes as it streams in
        // (see `upload`), so that the refusal is the CLI's JSON reason.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(page::security_headers))
        .with_state(state)
}

/// Serve on `listener` until `shutdown` completes, then finish the requests
/// under way and return.
pub async fn serve(
    listener: TcpListener,
    config: &Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Run the service until SIGTERM or Ctrl-C, printing where it listens on
/// standard error; running requests finish before it returns.
pub fn run(config: &Config) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        // Readers recurse; give the conversions the main thread's usual stack.
        .thread_stack_size(8 << 20)
        // The pool runs at most `workers` conversions at once; without a cap
        // the runtime starts a new thread whenever a job is handed over
        // before the last one's thread is idle again, and each keeps its
        // stack and allocator cache.
        .max_blocking_threads(config.workers())
        .thread_name("gongkai-serve")
        .build()?;
    runtime.block_on(async {
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr()?;
        say(&format!(
            "gongkai: listening on http://{addr}/ ({} workers, queue {})",
            config.workers(),
            config.queue_len()
        ));
        serve(listener, config, stop_signal()).await?;
        say("gongkai: stopped");
        Ok(())
    })
}

/// One line on standard error; a closed stderr (the supervisor went away)
/// must not end the service, as `eprintln!` would.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Completes on SIGTERM or Ctrl-C (SIGINT).
async fn stop_signal() {
    let stop = Arc::new(tokio::sync::Notify::new());
    let on_ctrl_c = stop.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.notify_one();
        }
    });
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            let on_term = stop.clone();
            tokio::spawn(async move {
                if term.recv().await.is_some() {
                    on_term.notify_one();
                }
            });
        }
    }
    stop.notified().await;
}
