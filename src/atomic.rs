//! Safe file output: atomic writes and file names derived from document ids.
//!
//! Every report, chart, model and export goes through [`write_atomic`], so an interrupted run or a
//! full disk never leaves a half-written file under its final name, and the previous version of a
//! file survives a failed write.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::hash::fnv1a;

/// A file that could not be written: the file, and the I/O failure that stopped it (its kind is
/// kept, so a closed pipe or a full disk can still be told apart). A leaf error, so that the
/// stages that write files need not depend on the library's [`Error`](crate::error::Error),
/// which wraps this one.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct WriteError {
    /// The file being written (its final name, never the temporary one).
    pub path: PathBuf,
    /// What failed.
    pub source: std::io::Error,
}

impl WriteError {
    /// A failure `source` while writing `path`.
    pub fn new(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        WriteError {
            path: path.into(),
            source,
        }
    }
}

/// The temporary name a file is written under before it is renamed into place: hidden, in the
/// same folder (so the rename is atomic), and naming the process that wrote it.
pub fn temp_path(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// True when `path` exists and is something other than a regular file or a folder (a device
/// such as `/dev/null` or `/dev/full`, a named pipe, a socket, or a symbolic link to one of
/// them): such a target is written in place, never replaced by a regular file.
pub fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// True when `a` and `b` name the same existing file (through links or different spellings):
/// an output that is also an input would destroy the input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => same_inode(&x, &y),
        _ => false,
    }
}

#[cfg(unix)]
fn same_inode(x: &fs::Metadata, y: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    x.dev() == y.dev() && x.ino() == y.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Open a special file (see [`is_special`]) for writing in place.
fn open_in_place(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new().write(true).open(path)
}

/// An I/O error that names `path`, keeping its kind (so a closed pipe is still recognised).
fn with_path(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// True when process `pid` is still running (Linux: `/proc/PID` exists). Where that cannot be
/// told, every other process is taken as gone: its leftovers are removed.
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists()
}

/// Set when the run is being interrupted: no staged file is started after it (see
/// [`staging_lock`]).
static CANCELLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
/// Held while a staged file is being written, and by an interrupt handler while it removes
/// staged files, so that no file is created after the handler has looked.
static STAGING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// For an interrupt handler: stop new staged files, wait for the one being written, and hold
/// the lock until the process exits (the guard is returned to be kept).
pub fn staging_lock() -> std::sync::MutexGuard<'static, ()> {
    CANCELLED.store(true, std::sync::atomic::Ordering::SeqCst);
    STAGING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Write `bytes` to `path` atomically: write a temporary file in the same folder, flush it to
/// disk, then rename it over `path`. On any failure the temporary file is removed and `path` is
/// left as it was. A special file (a device, a pipe) is written in place instead.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if is_special(path) {
        return open_in_place(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| WriteError::new(path, e));
    }
    let _guard = STAGING.lock().unwrap_or_else(|p| p.into_inner());
    if CANCELLED.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(WriteError::new(
            path,
            std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted"),
        ));
    }
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(WriteError::new(path, e))
        }
    }
}

/// A file name (no separators, no `..`, no control characters, at most 80 bytes) derived from a
/// document id, unique for distinct ids: when the id had to be changed to be safe, a short hash
/// of the original id is appended so that `a/b` and `a_b` do not collide.
pub fn safe_file_name(id: &str) -> String {
    let mut out = String::with_capacity(id.len().min(80));
    for c in id.chars() {
        let ok = c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        out.push(if ok { c } else { '_' });
    }
    let trimmed: String = out.trim_start_matches('.').chars().take(64).collect();
    if trimmed == id && !trimmed.is_empty() {
        return trimmed;
    }
    let base = if trimmed.is_empty() {
        "doc".to_string()
    } else {
        trimmed
    };
    format!("{base}-{:08x}", fnv1a(id.as_bytes()) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names_stay_inside_and_unique() {
        let ids = [
            "frus1938v03-d465",
            "../../etc/passwd",
            "a/b",
            "a_b",
            "a\u{7}b",
            "..",
            "",
            &"x".repeat(500),
        ];
        let names: Vec<String> = ids.iter().map(|i| safe_file_name(i)).collect();
        assert_eq!(names[0], "frus1938v03-d465");
        for n in &names {
            assert!(
                !n.contains('/') && !n.contains('\\') && !n.starts_with('.'),
                "{n}"
            );
            assert!(n.len() <= 80, "{n}");
            assert!(!n.chars().any(char::is_control));
        }
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "{names:?}");
    }

    #[test]
    fn atomic_write_replaces_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
        let missing = dir.path().join("no/such/dir/a.txt");
        let err = write_atomic(&missing, b"x").unwrap_err();
        assert!(err.to_string().contains("no/such/dir/a.txt"));
    }
}

/// A file written in pieces and put in place only when complete: the pieces go to a temporary
/// file in the same folder, and [`AtomicFile::commit`] flushes it to disk and renames it over the
/// destination. Dropped without a commit (an error, an interrupted run), the temporary file is
/// removed and the destination is left as it was.
///
/// A special file (a device such as `/dev/null`, a named pipe, or a link to one) is written in
/// place: there is nothing to replace, and replacing it would turn it into a regular file.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    /// The temporary file; `None` when writing in place.
    tmp: Option<PathBuf>,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, WriteError> {
        let (tmp, file) = if is_special(path) {
            (
                None,
                open_in_place(path).map_err(|e| WriteError::new(path, e))?,
            )
        } else {
            let tmp = temp_path(path);
            let file = fs::File::create(&tmp).map_err(|e| WriteError::new(path, e))?;
            (Some(tmp), file)
        };
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(std::io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flush, sync and rename into place (a special file: flush only).
    pub fn commit(mut self) -> Result<(), WriteError> {
        let Some(w) = self.file.take() else {
            return Ok(());
        };
        let Some(tmp) = self.tmp.take() else {
            return w
                .into_inner()
                .map(drop)
                .map_err(|e| WriteError::new(&self.path, e.into_error()));
        };
        let result = (|| {
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, &self.path)
        })();
        result.map_err(|e| {
            let _ = fs::remove_file(&tmp);
            WriteError::new(&self.path, e)
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf).map_err(|e| with_path(&self.path, e)),
            None => Err(std::io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush().map_err(|e| with_path(&self.path, e)),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(w) = self.file.take() {
            // Unwritten bytes are dropped with the temporary file; in place there is no undo.
            let _ = w.into_parts();
            if let Some(tmp) = &self.tmp {
                let _ = fs::remove_file(tmp);
            }
        }
    }
}

#[cfg(test)]
mod atomic_file_tests {
    use super::*;

    #[test]
    fn uncommitted_file_leaves_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("scores.jsonl");
        fs::write(&p, "old").unwrap();
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"half of the new").unwrap();
        }
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    }
}
