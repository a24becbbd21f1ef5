//! The `gongkai` binary: a thin wrapper around `gongkai-cli`.

// A batch allocates and frees many small strings per report; mimalloc does
// that in about half the instructions of glibc's malloc (measured with
// callgrind on the text bench corpus).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    gongkai_cli::main()
}
