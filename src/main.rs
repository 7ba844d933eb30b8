//! The `influence-flows` program: a command-line tool natively; in the browser the library's
//! `web` module does the work and this `main` is empty.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run(std::env::args().skip(1).collect())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
