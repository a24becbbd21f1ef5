//! The `gongkai` binary: a thin wrapper around `gongkai-cli`.

// A batch allocates and frees many small strings per report; mimalloc does
// that in about half the instructions of glibc's malloc (measured with
// callgrind on the text bench corpus). Each thread's bytes are counted for
// `--max-memory` (gongkai::ir::watch).
#[global_allocator]
static ALLOCATOR: gongkai::ir::watch::CountingAlloc<mimalloc::MiMalloc> =
    gongkai::ir::watch::CountingAlloc(mimalloc::MiMalloc);

fn main() -> std::process::ExitCode {
    gongkai_cli::main()
}
