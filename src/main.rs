//! The `gongkai` binary: a thin wrapper around `gongkai-cli`.

fn main() -> std::process::ExitCode {
    gongkai_cli::main()
}
