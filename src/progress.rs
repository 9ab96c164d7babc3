//! A progress bar for long loads and checks: on stderr, only when stderr is a terminal, and
//! only once the work has taken a few seconds, so short runs and pipelines never see it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long work runs before the bar appears.
const DELAY: Duration = Duration::from_secs(2);

/// A byte counter that may draw a bar; cloning shares it between threads.
#[derive(Clone, Default)]
pub struct Progress {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    bar: ProgressBar,
    start: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// A counter that never draws.
    pub fn hidden() -> Self {
        Self { inner: None }
    }

    /// A bar over `total` bytes labelled `message`, drawn only on a terminal after [`DELAY`].
    pub fn bytes(total: u64, message: &str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}, {eta} left",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message.to_owned());
        Self {
            inner: Some(Arc::new(Inner {
                bar,
                start: Instant::now(),
                shown: AtomicBool::new(false),
            })),
        }
    }

    /// Counts `bytes` more as done.
    pub fn advance(&self, bytes: u64) {
        let Some(inner) = &self.inner else {
            return;
        };
        inner.bar.inc(bytes);
        if !inner.shown.load(Ordering::Relaxed) && inner.start.elapsed() >= DELAY {
            inner.shown.store(true, Ordering::Relaxed);
            inner.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar, if it was drawn.
    pub fn finish(&self) {
        if let Some(inner) = &self.inner {
            inner.bar.finish_and_clear();
        }
    }
}
