//! The report in a real browser: headless Chromium loads `index.html` from disk, the screenshot
//! shows the page and its charts, and no script planted in a document ran.
//!
//! Needs Debian's `chromium` (CI installs it in `.ci/run`). Without it the test fails and says
//! how to install it, unless `DIPLOSTANCE_SKIP_BROWSER=1` is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use diplostance::report::write_report;

use crate::report_charts::{count_colour, decode_png};
use crate::report_sample as sample;

/// The browser: `DIPLOSTANCE_CHROMIUM`, or the first of the usual names found on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DIPLOSTANCE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The browser, or `None` when it is missing and `DIPLOSTANCE_SKIP_BROWSER=1` says to skip;
/// missing otherwise, it fails the test with the command that installs it.
pub(crate) fn browser() -> Option<PathBuf> {
    if let Some(bin) = chromium() {
        return Some(bin);
    }
    if std::env::var("DIPLOSTANCE_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("chromium not found; skipped because DIPLOSTANCE_SKIP_BROWSER=1");
        return None;
    }
    panic!(
        "chromium is not installed: install it with `apt-get install -y chromium` (Debian), \
         point DIPLOSTANCE_CHROMIUM at a Chromium binary, or set DIPLOSTANCE_SKIP_BROWSER=1 \
         to skip this test"
    );
}

/// Run the browser headless on `url` with extra arguments; a hung browser is killed after a
/// generous limit so the test cannot block CI forever (not a timing assertion).
pub(crate) fn run_browser(bin: &Path, url: &str, extra: &[String]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(url)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start chromium");
    let start = Instant::now();
    // Drain stdout on a thread so a large --dump-dom cannot fill the pipe and stall.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).ok();
        buf
    });
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(240) {
            child.kill().ok();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut out = child.wait_with_output().unwrap();
    out.stdout = reader.join().unwrap();
    out
}

#[test]
fn report_renders_in_headless_chromium_and_no_planted_script_runs() {
    let Some(bin) = browser() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("report");
    write_report(&dir, &sample::report_files((1200, 800))).unwrap();
    let url = format!("file://{}", dir.join("index.html").display());

    // Screenshot: the page loaded and shows its charts.
    let shot = tmp.path().join("shot.png");
    let out = run_browser(
        &bin,
        &url,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,3000".to_string(),
        ],
    );
    assert!(
        shot.is_file(),
        "no screenshot; chromium said: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if let Some(keep) = std::env::var_os("DIPLOSTANCE_CHART_PREVIEW") {
        // For looking at the page by eye: keep the screenshot and the report.
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&shot, keep.join("page-screenshot.png")).unwrap();
        std::fs::copy(dir.join("index.html"), keep.join("index.html")).unwrap();
    }
    let (w, h, rgb) = decode_png(&std::fs::read(&shot).unwrap());
    assert_eq!(w, 1200);
    let non_white = rgb.chunks(3).filter(|p| p.iter().any(|&c| c < 235)).count();
    assert!(
        non_white > (w * h / 50) as usize,
        "screenshot is nearly blank ({non_white} non-white pixels)"
    );
    // The dimensions chart's hostility line, drawn from the inlined SVG.
    let red = count_colour(&rgb, (0xc0, 0x39, 0x2b), 12);
    assert!(
        red > 200,
        "no hostility red in the screenshot ({red} pixels)"
    );
    let blue = count_colour(&rgb, (0x1f, 0x3a, 0x93), 12);
    assert!(
        blue > 200,
        "no tension blue in the screenshot ({blue} pixels)"
    );

    // The DOM after load: title unchanged (the planted scripts would set it to "pwned"), and
    // the planted markup is text, not elements.
    let out = run_browser(&bin, &url, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<title>Soviet-Japanese relations, 1938</title>"),
        "page did not load: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dom.contains("pwned</title>"), "a planted script ran");
    // One script element, the page's own, which ran under the page's CSP (the search box is
    // shown); the planted ones are text.
    assert_eq!(
        dom.to_ascii_lowercase().matches("<script").count(),
        1,
        "a planted script element exists"
    );
    assert!(
        dom.contains("<div id=\"tools\">"),
        "the page's script did not run"
    );
    assert!(!dom.contains("<img"), "an img element exists");
    assert!(dom.contains("&lt;script&gt;document.title"));
}
