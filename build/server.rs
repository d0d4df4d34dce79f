//! Build script of the `habitflow` server: the test-service switches shared
//! with the test kit, and the version the binary reports — the crate version,
//! plus the git commit when built from a checkout (`0.1.0+abc1234`).
//! `HABITFLOW_GIT_COMMIT` names the commit where there is no `.git` (an image
//! build); without either, the version is the crate version alone.
use std::process::Command;

#[path = "test_services.rs"]
mod test_services;

fn main() {
    test_services::main();
    println!("cargo::rerun-if-env-changed=HABITFLOW_GIT_COMMIT");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = std::env::var("HABITFLOW_GIT_COMMIT")
        .ok()
        .filter(|commit| !commit.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .map(|commit| commit.trim().to_owned())
        .filter(|commit| commit.chars().all(|c| c.is_ascii_alphanumeric()));
    for file in git_files_naming_the_commit() {
        println!("cargo::rerun-if-changed={file}");
    }
    match commit {
        Some(commit) => println!("cargo::rustc-env=HABITFLOW_VERSION={version}+{commit}"),
        None => println!("cargo::rustc-env=HABITFLOW_VERSION={version}"),
    }
}

/// The output of a git command, when git is installed and this is a checkout.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// HEAD, the branch it points to and the packed refs: a commit or a checkout
/// changes one of them, and the version must follow.
fn git_files_naming_the_commit() -> Vec<String> {
    let mut files: Vec<String> = ["HEAD", "packed-refs"]
        .iter()
        .filter_map(|name| git(&["rev-parse", "--git-path", name]))
        .collect();
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        files.extend(git(&["rev-parse", "--git-path", &branch]));
    }
    files.retain(|file| std::path::Path::new(file).exists());
    files
}
