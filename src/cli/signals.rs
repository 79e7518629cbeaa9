//! Interrupted runs: on SIGINT or SIGTERM, remove this process's staged report files, then exit
//! with the usual 128 + signal code.
//!
//! The report writer stages every file under a hidden name (`.NAME.staged-PID`) and renames
//! them into place only when all are written, so a killed run never leaves a partial file under
//! a final name whatever happens; the next run also removes leftovers. This handler only tidies
//! up at once, so an interrupted run does not leave hidden files behind until then. It never
//! touches a final name: a rename already done stays done.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Set once a signal has arrived: the main thread then leaves the exit to the handler, so an
/// error caused by the tidying (a staged file gone) is not reported instead of the signal.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// True once SIGINT or SIGTERM has arrived and the handler is tidying up.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// On SIGINT or SIGTERM, remove this process's staged files in `dir` (and its subfolders) and
/// exit.
pub fn clean_staged_on_interrupt(dir: PathBuf) -> anyhow::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM]).context("installing signal handlers")?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            INTERRUPTED.store(true, Ordering::SeqCst);
            // Held until exit: no staged file is started after the files are listed.
            let _staging = diplostance::atomic::staging_lock();
            remove_own_staged(&dir, 2);
            let lock = dir.join(diplostance::report::LOCK_NAME);
            if std::fs::read_to_string(&lock)
                .is_ok_and(|s| s.trim() == std::process::id().to_string())
            {
                let _ = std::fs::remove_file(lock);
            }
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// On SIGINT or SIGTERM, remove the temporary file that an atomic write of `path` goes through
/// (`score -o FILE`, `import -o FILE`), and exit. `FILE` itself is untouched: it is either the
/// previous version or absent.
pub fn remove_temp_on_interrupt(path: PathBuf) -> anyhow::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM]).context("installing signal handlers")?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            INTERRUPTED.store(true, Ordering::SeqCst);
            let _ = std::fs::remove_file(diplostance::atomic::temp_path(&path));
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Remove files whose names carry this process's staging mark, `depth` folders deep.
fn remove_own_staged(dir: &Path, depth: usize) {
    let mark = format!(".staged-{}", std::process::id());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            if depth > 0 {
                remove_own_staged(&e.path(), depth - 1);
            }
        } else if name.starts_with('.') && has_mark(&name, &mark) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// True when `name` holds `mark` not followed by another digit (`.staged-12` is not a mark
/// of process 123).
fn has_mark(name: &str, mark: &str) -> bool {
    name.match_indices(mark).any(|(i, m)| {
        !name[i + m.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_this_process_staged_files() {
        let dir = tempfile::tempdir().unwrap();
        let pid = std::process::id();
        let charts = dir.path().join("charts");
        std::fs::create_dir(&charts).unwrap();
        let mine = [
            dir.path().join(format!(".index.html.staged-{pid}")),
            dir.path()
                .join(format!("..index.html.staged-{pid}.{pid}.tmp")),
            charts.join(format!(".tension.png.staged-{pid}")),
        ];
        let kept = [
            dir.path().join("index.html"),
            dir.path().join(".index.html.staged-1"),
        ];
        for p in mine.iter().chain(&kept) {
            std::fs::write(p, "x").unwrap();
        }
        remove_own_staged(dir.path(), 2);
        assert!(mine.iter().all(|p| !p.exists()));
        assert!(kept.iter().all(|p| p.exists()));
    }
}
