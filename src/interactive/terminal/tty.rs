//! Two small additions around dialoguer's key reading, which puts the terminal in raw mode
//! for one key at a time and back in between:
//!
//! - **Echo stays off for the whole run.** A key that arrives while a prompt is being drawn
//!   (typing fast, a paste, `y` and Enter sent together) would otherwise be echoed by the
//!   terminal over the prompt, and an echoed Enter moves the cursor under dialoguer's feet.
//!   Ctrl-C still stops the run between keys (signals stay on).
//! - **Keys typed before a prompt is shown are dropped**, so an Enter meant for one question
//!   (a habitual second Enter after `y`) never answers the next.
//!
//! Both act on standard input only when it is a terminal; elsewhere they do nothing.

#[cfg(unix)]
mod imp {
    use rustix::termios::{self, LocalModes, OptionalActions, QueueSelector, SpecialCodeIndex};
    use std::sync::Mutex;

    /// The terminal's settings before the run, to put back on every way out.
    static SAVED: Mutex<Option<termios::Termios>> = Mutex::new(None);

    pub fn echo_off() {
        let stdin = std::io::stdin();
        if !termios::isatty(&stdin) {
            return;
        }
        let Ok(original) = termios::tcgetattr(&stdin) else {
            return;
        };
        let mut quiet = original.clone();
        quiet.local_modes -= LocalModes::ECHO | LocalModes::ICANON;
        quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
        quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
        if let Ok(mut saved) = SAVED.lock() {
            if saved.is_none() {
                *saved = Some(original);
            }
        }
        let _ = termios::tcsetattr(&stdin, OptionalActions::Now, &quiet);
    }

    pub fn restore() {
        let original = SAVED.lock().ok().and_then(|mut saved| saved.take());
        if let Some(original) = original {
            let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &original);
        }
    }

    pub fn drop_typed_ahead() {
        let stdin = std::io::stdin();
        if termios::isatty(&stdin) {
            let _ = termios::tcflush(&stdin, QueueSelector::IFlush);
        }
    }
}

#[cfg(not(unix))]
mod imp {
    pub fn echo_off() {}
    pub fn restore() {}
    pub fn drop_typed_ahead() {}
}

/// Echo off for as long as it lives (and until [`restore`], which the Ctrl-C handler calls).
pub struct EchoOff(());

impl EchoOff {
    pub fn new() -> Self {
        imp::echo_off();
        EchoOff(())
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        imp::restore();
    }
}

/// Puts the terminal's settings back as they were before the run; does nothing when they
/// were never changed. Safe from any thread, any number of times.
pub fn restore() {
    imp::restore();
}

/// Throws away what was typed but not yet read.
pub fn drop_typed_ahead() {
    imp::drop_typed_ahead();
}
