//! `gongkai serve`: the checking service and its page (crate `gongkai-serve`).

use std::process::ExitCode;

use crate::args::ServeArgs;

/// `gongkai serve`: runs until SIGTERM or Ctrl-C, finishing the requests
/// under way.
pub fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let config = gongkai_serve::Config {
        addr: args.addr,
        jobs: args.run.jobs,
        queue: args.queue,
        timeout: args.run.limit(),
        options: args.limits.options(),
    };
    gongkai_serve::run(&config)?;
    Ok(ExitCode::SUCCESS)
}
