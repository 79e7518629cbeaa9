//! Reports: charts (PNG and SVG) and a self-contained HTML page.
//!
//! Data flows one way: the caller fills the plain structs of [`data`] and a [`Page`] from the
//! analysis results, [`build_charts`] and [`render_index`] turn them into bytes (no I/O, so
//! tests inspect them directly), and [`write_report`] puts the bytes on disk safely.

pub mod analysts;
pub mod assemble;
pub mod charts;
pub mod data;
pub mod font;
pub mod html;
pub mod workbench;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

pub use assemble::{ReportOptions, assemble, method_text, top_cues};
pub use charts::{
    AgreementByYearChart, AgreementPlot, AuthorsChart, ClusterChart, CuesChart, DimensionsChart,
    Draw, DriversChart, OffsetsChart, TensionChart, dimension_colour, render_png, render_png_in,
    render_svg, render_svg_in,
};
pub use data::{
    AgreementChart, AgreementPoint, AnalystsCharts, AuthorChart, AuthorRow, ChartInputs,
    ClusterMap, ClusterPoint, DocPoint, DriftSeries, DriverPanel, DriverWeights, EventMark,
    OffsetRow, Palette, PeriodPoint, TimelineChart, TopCues,
};
pub use html::{Page, Summary, render_index};

/// Writing a report failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The bundled font could not be used.
    #[error("report font: {0}")]
    Font(String),
    /// plotters could not draw a chart.
    #[error("drawing the {chart} chart failed: {message}")]
    Draw {
        /// Which chart.
        chart: String,
        /// What went wrong.
        message: String,
    },
    /// A PNG could not be encoded.
    #[error("encoding a PNG failed: {0}")]
    Encode(String),
    /// A file name would land outside the report folder.
    #[error(
        "report file name \"{path}\" is not allowed: {why} (files must stay inside the report folder)"
    )]
    UnsafePath {
        /// The offending relative path.
        path: String,
        /// Why it is refused.
        why: &'static str,
    },
    /// Another run is writing the same report folder.
    #[error(
        "another diplostance run (process {pid}) is writing a report in folder {}; wait for it to finish, or choose another folder with -o DIR (if no such run exists, remove {}/{LOCK_NAME})",
        folder.display(), folder.display()
    )]
    Locked {
        /// The report folder.
        folder: PathBuf,
        /// The process holding the lock (0 if unknown).
        pid: u32,
    },
    /// A rename failed and some of the files already replaced could not be put back.
    #[error(
        "cannot write the report in folder {}: renaming into {} failed: {source}. The report \
         there is now partly new: {} could not be restored to the previous version; run the \
         command again to write the whole report",
        folder.display(), file.display(),
        not_restored.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    Mixed {
        /// The report folder.
        folder: PathBuf,
        /// The file whose rename failed.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
        /// Files left new.
        not_restored: Vec<PathBuf>,
    },
    /// The report folder (or a file in it) could not be written.
    #[error(
        "cannot write the report in folder {}: {action} {} failed: {source}. Check that the \
         folder is writable and the disk is not full, or choose another folder with -o DIR; \
         the previous report there was left as it was",
        folder.display(), file.display()
    )]
    Write {
        /// The report folder.
        folder: PathBuf,
        /// What was being done ("creating", "writing", "renaming").
        action: &'static str,
        /// The file or folder concerned.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The files of a report, by path relative to the report folder (e.g. `charts/tension.svg`),
/// in the order they are written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportFiles {
    /// `(relative path, bytes)`.
    pub files: Vec<(String, Vec<u8>)>,
}

impl ReportFiles {
    /// An empty list.
    pub fn new() -> Self {
        ReportFiles::default()
    }

    /// Add one file.
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.push((path.into(), bytes.into()));
    }
}

/// The relative path, checked to stay inside the report folder: only plain components (no
/// `..`, no `.`, no root or drive prefix, no empty name), `/` as separator.
fn checked_relative(rel: &str) -> Result<PathBuf, ReportError> {
    let bad = |why| ReportError::UnsafePath {
        path: rel.to_string(),
        why,
    };
    if rel.is_empty() {
        return Err(bad("it is empty"));
    }
    if rel.contains('\\') || rel.chars().any(char::is_control) {
        return Err(bad("it contains a backslash or a control character"));
    }
    let p = Path::new(rel);
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => {
                if s.to_string_lossy().starts_with('.') {
                    return Err(bad("a component starts with a dot"));
                }
                out.push(s);
            }
            Component::ParentDir => return Err(bad("it contains \"..\"")),
            Component::CurDir => return Err(bad("it contains \".\"")),
            Component::RootDir | Component::Prefix(_) => return Err(bad("it is absolute")),
        }
    }
    if out.as_os_str().is_empty() {
        return Err(bad("it names no file"));
    }
    Ok(out)
}

/// Where a file is staged before it replaces the final one: hidden, in the same folder (so the
/// rename is atomic), and recognisable so that leftovers of an interrupted run can be removed.
fn staged_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.staged-{}", std::process::id()))
}

/// Remove staged files of earlier, interrupted runs for the given target: the staged file
/// (`.NAME.staged-PID`, and the previous version kept during the renames,
/// `.NAME.staged-PID.previous`), the temporary file it was being written through when the run
/// was killed (`..NAME.staged-PID.PID.tmp`, from [`crate::atomic::write_atomic`]), and a
/// temporary file of a direct atomic write of the target (`.NAME.PID.tmp`). Only files of
/// processes that are gone are removed: a run writing the same folder at the same time keeps
/// its files.
fn remove_stale_staged(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let staged = format!(".{name}.staged-");
    let staged_tmp = format!("..{name}.staged-");
    let direct_tmp = format!(".{name}.");
    let leading_pid = |rest: &str| -> Option<u32> {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let owner = |f: &str| -> Option<u32> {
        if let Some(rest) = f.strip_prefix(&staged) {
            return leading_pid(rest);
        }
        if let Some(rest) = f.strip_prefix(&staged_tmp) {
            return leading_pid(rest).filter(|_| f.ends_with(".tmp"));
        }
        f.strip_prefix(&direct_tmp)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|pid| pid.parse().ok())
    };
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let f = e.file_name().to_string_lossy().into_owned();
            if owner(&f).is_some_and(|pid| !crate::atomic::process_alive(pid)) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// The name of the lock that keeps two runs from writing one report folder at once.
pub const LOCK_NAME: &str = ".diplostance-report.lock";

/// The lock on a report folder, released (its file removed) when dropped.
struct FolderLock(PathBuf);

impl Drop for FolderLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Lock `dir` for this process: a file naming the process, created only if absent. A lock left
/// by a process that is gone (killed) is taken over.
fn lock_folder(dir: &Path) -> Result<FolderLock, ReportError> {
    let path = dir.join(LOCK_NAME);
    for _ in 0..2 {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                use std::io::Write;
                let _ = write!(f, "{}", std::process::id());
                return Ok(FolderLock(path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder: Option<u32> = fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| s.trim().parse().ok());
                match holder {
                    Some(pid) if crate::atomic::process_alive(pid) => {
                        return Err(ReportError::Locked {
                            folder: dir.to_path_buf(),
                            pid,
                        });
                    }
                    // Gone, or the lock is being written: a dead holder's lock is removed.
                    Some(_) => {
                        let _ = fs::remove_file(&path);
                    }
                    None => std::thread::sleep(std::time::Duration::from_millis(50)),
                }
            }
            Err(e) => {
                return Err(ReportError::Write {
                    folder: dir.to_path_buf(),
                    action: "locking",
                    file: path,
                    source: e,
                });
            }
        }
    }
    Err(ReportError::Locked {
        folder: dir.to_path_buf(),
        pid: 0,
    })
}

/// Put every staged file in place, or none: each final file that exists is first kept under a
/// hidden name (a hard link, or a copy), so that when a rename fails the ones already done are
/// undone. Returns the files that could not be restored (empty when the old report is whole).
fn swap_in(staged: &[(PathBuf, &Path)]) -> Result<(), (usize, std::io::Error, Vec<PathBuf>)> {
    let previous = |tmp: &Path| {
        let mut p = tmp.as_os_str().to_owned();
        p.push(".previous");
        PathBuf::from(p)
    };
    let mut done: Vec<(&Path, Option<PathBuf>)> = Vec::with_capacity(staged.len());
    let mut failure = None;
    for (i, (tmp, target)) in staged.iter().enumerate() {
        let keep = fs::symlink_metadata(target)
            .is_ok_and(|m| m.is_file())
            .then(|| {
                let p = previous(tmp);
                let _ = fs::remove_file(&p);
                fs::hard_link(target, &p)
                    .or_else(|_| fs::copy(target, &p).map(drop))
                    .map(|()| p)
            });
        let keep = match keep.transpose() {
            Ok(k) => k,
            Err(e) => {
                failure = Some((i, e));
                break;
            }
        };
        if let Err(e) = fs::rename(tmp, target) {
            if let Some(k) = &keep {
                let _ = fs::remove_file(k);
            }
            failure = Some((i, e));
            break;
        }
        done.push((target, keep));
    }
    let Some((i, e)) = failure else {
        for (_, keep) in done {
            if let Some(k) = keep {
                let _ = fs::remove_file(k);
            }
        }
        return Ok(());
    };
    let mut not_restored = Vec::new();
    for (target, keep) in done.into_iter().rev() {
        let restored = match keep {
            Some(k) => fs::rename(&k, target).is_ok(),
            None => fs::remove_file(target).is_ok(),
        };
        if !restored {
            not_restored.push(target.to_path_buf());
        }
    }
    for (tmp, _) in &staged[i..] {
        let _ = fs::remove_file(tmp);
    }
    Err((i, e, not_restored))
}

/// Write a report into `dir`.
///
/// Guarantees:
/// * every path is checked first: one that would leave `dir` (`..`, absolute, hidden) refuses
///   the whole report before anything is written;
/// * all files are first written in full (and flushed to disk) under hidden staging names next
///   to their final names; only when every one succeeded are they renamed into place. A full
///   disk, an unwritable folder or an interruption during staging therefore leaves the previous
///   report exactly as it was (staged leftovers are removed, or on the next run);
/// * each rename is atomic, so no file is ever seen half-written under its final name. If a
///   rename itself fails part-way (rare: the files are already on disk), the files renamed
///   before it are new and the rest old; the error says so by naming the file.
///
/// Files of an earlier report that are not in `files` are left alone.
pub fn write_report(dir: &Path, files: &ReportFiles) -> Result<(), ReportError> {
    let mut targets: Vec<(PathBuf, &[u8])> = Vec::with_capacity(files.files.len());
    let mut seen = BTreeSet::new();
    for (rel, bytes) in &files.files {
        let p = checked_relative(rel)?;
        if !seen.insert(p.clone()) {
            return Err(ReportError::UnsafePath {
                path: rel.clone(),
                why: "it is listed twice",
            });
        }
        targets.push((dir.join(p), bytes));
    }
    let write_err = |action, file: &Path, source| ReportError::Write {
        folder: dir.to_path_buf(),
        action,
        file: file.to_path_buf(),
        source,
    };
    fs::create_dir_all(dir).map_err(|e| write_err("creating folder", dir, e))?;
    let _lock = lock_folder(dir)?;
    let folders: BTreeSet<PathBuf> = targets
        .iter()
        .filter_map(|(p, _)| p.parent().map(Path::to_path_buf))
        .collect();
    for f in &folders {
        fs::create_dir_all(f).map_err(|e| write_err("creating folder", f, e))?;
    }

    let mut staged: Vec<(PathBuf, &Path)> = Vec::with_capacity(targets.len());
    let cleanup = |staged: &[(PathBuf, &Path)]| {
        for (tmp, _) in staged {
            let _ = fs::remove_file(tmp);
        }
    };
    for (target, bytes) in &targets {
        remove_stale_staged(target);
        let tmp = staged_path(target);
        if let Err(e) = crate::atomic::write_atomic(&tmp, bytes) {
            cleanup(&staged);
            return Err(write_err("writing", target, e.source));
        }
        staged.push((tmp, target));
    }
    if let Err((i, e, not_restored)) = swap_in(&staged) {
        let target = staged[i].1;
        if not_restored.is_empty() {
            return Err(write_err("renaming into", target, e));
        }
        return Err(ReportError::Mixed {
            folder: dir.to_path_buf(),
            file: target.to_path_buf(),
            source: e,
            not_restored,
        });
    }
    // Make the renames durable where the platform allows it; a failure here loses nothing.
    for f in folders.iter().chain(std::iter::once(&dir.to_path_buf())) {
        if let Ok(d) = fs::File::open(f) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Render one chart as `charts/<name>.png` and `charts/<name>.svg`.
fn push_chart<C: Draw>(
    out: &mut Vec<(String, Vec<u8>)>,
    ((w, h), palette): ((u32, u32), Palette),
    chart: &C,
) -> Result<(), ReportError> {
    let png = render_png_in(w, h, palette, chart)?;
    let svg = render_svg_in(w, h, palette, chart)?;
    out.push((format!("charts/{}.png", chart.name()), png));
    out.push((format!("charts/{}.svg", chart.name()), svg.into_bytes()));
    Ok(())
}

/// Every chart whose data is present, as PNG and SVG: `charts/tension`, `charts/dimensions`
/// (from the timeline), `charts/clusters`, `charts/authors`, `charts/cues`, `charts/agreement`,
/// then the analysts' `charts/analyst-offsets`, `charts/analyst-agreement-by-year` and one
/// `charts/analyst-drivers-<dimension>` per dimension with models, in that order.
/// Deterministic: same inputs, same bytes.
pub fn build_charts(inputs: &ChartInputs) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
    let mut out = Vec::new();
    let size = (inputs.size, inputs.palette);
    if let Some(t) = &inputs.timeline {
        push_chart(&mut out, size, &TensionChart(t))?;
        push_chart(&mut out, size, &DimensionsChart(t))?;
    }
    if let Some(c) = &inputs.clusters {
        push_chart(&mut out, size, &ClusterChart(c))?;
    }
    if let Some(a) = &inputs.authors {
        push_chart(&mut out, size, &AuthorsChart(a))?;
    }
    if let Some(c) = &inputs.cues {
        push_chart(&mut out, size, &CuesChart(c))?;
    }
    if let Some(a) = &inputs.agreement {
        push_chart(&mut out, size, &AgreementPlot(a))?;
    }
    if let Some(a) = &inputs.analysts {
        push_chart(&mut out, size, &OffsetsChart(a))?;
        push_chart(&mut out, size, &AgreementByYearChart(a))?;
        for panel in &a.drivers {
            push_chart(&mut out, size, &DriversChart(a, panel))?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_must_stay_inside() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "",
            ".",
            "./a",
            "a\\b",
            ".hidden",
            "a/\u{7}",
        ] {
            assert!(checked_relative(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            checked_relative("charts/tension.svg").unwrap(),
            PathBuf::from("charts/tension.svg")
        );
    }

    #[test]
    fn write_report_replaces_files_and_leaves_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("rep");
        let mut files = ReportFiles::new();
        files.add("index.html", "one");
        files.add("charts/a.svg", "<svg/>");
        write_report(&out, &files).unwrap();
        files.files[0].1 = b"two".to_vec();
        write_report(&out, &files).unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"two");
        assert_eq!(fs::read(out.join("charts/a.svg")).unwrap(), b"<svg/>");
        let names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .chain(fs::read_dir(out.join("charts")).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }

    #[test]
    fn refused_path_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("rep");
        let mut files = ReportFiles::new();
        files.add("index.html", "x");
        files.add("../escape.txt", "x");
        let err = write_report(&out, &files).unwrap_err();
        assert!(err.to_string().contains("../escape.txt"), "{err}");
        assert!(!out.exists());
        assert!(!dir.path().join("escape.txt").exists());
    }

    #[test]
    fn unwritable_folder_is_named() {
        // A path under a regular file cannot be created, even by root.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file.txt");
        fs::write(&file, "x").unwrap();
        let out = file.join("sub");
        let mut files = ReportFiles::new();
        files.add("index.html", "x");
        let err = write_report(&out, &files).unwrap_err().to_string();
        assert!(err.contains(&out.display().to_string()), "{err}");
        assert!(err.contains("-o DIR"), "{err}");
    }

    #[test]
    fn failure_while_staging_keeps_previous_report() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("rep");
        let mut files = ReportFiles::new();
        files.add("index.html", "old");
        write_report(&out, &files).unwrap();
        // A non-empty folder under the second file's staging name makes its staging fail
        // after the first file was staged.
        let blocker = out.join(format!(".b.txt.staged-{}", std::process::id()));
        fs::create_dir_all(blocker.join("x")).unwrap();
        let mut new = ReportFiles::new();
        new.add("index.html", "new");
        new.add("b.txt", "new");
        assert!(write_report(&out, &new).is_err());
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"old");
        let left: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            left.iter().all(|n| !n.starts_with(".index.html")),
            "{left:?}"
        );
        assert!(!out.join("b.txt").exists());
    }
}
