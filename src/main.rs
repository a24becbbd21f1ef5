//! The `gongkai` binary: a thin wrapper around `gongkai-cli`.

// A batch allocates and frees many small strings per report; mimalloc does
// that in about half the instructions of glibc's malloc (measured with
// callgrind on the text bench corpus). Each thread's bytes are counted for
// `--max-memory` (gongkai::ir::watch).
#[global_allocator]
static ALLOCATOR: gongkai::ir::watch::CountingAlloc<mimalloc::MiMalloc> =
    gongkai::ir::watch::CountingAlloc(mimalloc::MiMalloc);

/// mimalloc's `mi_option_arena_eager_commit` (its `mi_option_e` in
/// mimalloc.h; the crate's bindings do not name it).
#[cfg(target_os = "linux")]
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

// On Linux mimalloc commits its arenas up front, and the memory a batch
// frees then stays resident: a mixed batch (PDF, web pages, DOCX…) peaked
// at 91-99 MB against 56 MB committed on demand, for the same CPU time
// (`MIMALLOC_ARENA_EAGER_COMMIT=0`, 1,000 files, `-j 2`). The option must be
// set before the first allocation, which reserves the first arena: so in
// a constructor, which runs before Rust's own start-up. The environment
// variable still wins when set.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static COMMIT_ON_DEMAND: extern "C" fn() = commit_on_demand;

#[cfg(target_os = "linux")]
extern "C" fn commit_on_demand() {
    // Looking a variable up allocates only when it is set.
    if std::env::var_os("MIMALLOC_ARENA_EAGER_COMMIT").is_none() {
        // SAFETY: sets one of mimalloc's options, before any allocation;
        // no memory is touched.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
    }
}

fn main() -> std::process::ExitCode {
    gongkai_cli::main()
}
