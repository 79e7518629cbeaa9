//! Safe file output: atomic writes and file names derived from document ids.
//!
//! Every report, chart, model and export goes through [`write_atomic`], so an interrupted run or a
//! full disk never leaves a half-written file under its final name, and the previous version of a
//! file survives a failed write.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::hash::fnv1a;

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

/// Write `bytes` to `path` atomically: write a temporary file in the same folder, flush it to
/// disk, then rename it over `path`. On any failure the temporary file is removed and `path` is
/// left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
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
            Err(Error::io(path, e))
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
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let tmp = temp_path(path);
        let file = fs::File::create(&tmp).map_err(|e| Error::io(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(std::io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> Result<(), Error> {
        let Some(w) = self.file.take() else {
            return Ok(());
        };
        let result = (|| {
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
            drop(f);
            fs::rename(&self.tmp, &self.path)
        })();
        result.map_err(|e| {
            let _ = fs::remove_file(&self.tmp);
            Error::io(&self.path, e)
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
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
