//! The `centralise` binary. Built for wasm32 it is the app; built natively
//! it is the therapists' command-line tool.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    centralise::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    centralise::cli::run(std::env::args().skip(1).collect())
}
