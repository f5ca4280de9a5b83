//! One app per data directory. The first instance holds an exclusive lock on
//! `teamlead.lock` beside the database and listens on `teamlead.sock`; a second launch on the
//! same data finds the lock taken, asks the first to bring its window forward, and exits
//! without opening the database.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const LOCK_FILE: &str = "teamlead.lock";
pub const SOCKET_FILE: &str = "teamlead.sock";
const FOCUS: &str = "focus";

/// The running instance's hold on its data directory; released when dropped (or when the
/// process dies, whatever the way).
pub struct Instance {
    _lock: File,
    socket: PathBuf,
}

/// What a launch found.
pub enum Claim {
    /// This is the only instance on the data directory.
    First(Instance),
    /// Another instance holds it; it was asked to show its window (`true` when it answered).
    Running { answered: bool },
}

/// Takes the data directory for this process, or finds the instance that has it.
pub fn claim(dir: &Path) -> std::io::Result<Claim> {
    Ok(match lock(dir)? {
        Some(instance) => Claim::First(instance),
        None => Claim::Running {
            answered: ask_to_focus(&dir.join(SOCKET_FILE)),
        },
    })
}

/// Takes the data directory for this process, without a word to the instance that has it
/// (`None` then): for the commands that run without a window, such as `teamlead restore`.
pub fn lock(dir: &Path) -> std::io::Result<Option<Instance>> {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))?;
    match lock.try_lock() {
        Ok(()) => Ok(Some(Instance {
            _lock: lock,
            socket: dir.join(SOCKET_FILE),
        })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => Err(error),
    }
}

/// Takes the data directory for a command that writes without a window, or `None` when an
/// instance holds it; the running instance is not disturbed.
pub fn hold(dir: &Path) -> std::io::Result<Option<Instance>> {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))?;
    match lock.try_lock() {
        Ok(()) => Ok(Some(Instance {
            _lock: lock,
            socket: dir.join(SOCKET_FILE),
        })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => Err(error),
    }
}

fn ask_to_focus(socket: &Path) -> bool {
    let Ok(mut stream) = UnixStream::connect(socket) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if writeln!(stream, "{FOCUS}").is_err() {
        return false;
    }
    let mut reply = String::new();
    BufReader::new(stream).read_line(&mut reply).is_ok() && reply.trim() == "ok"
}

impl Instance {
    /// Listens for later launches on the same data; `on_focus` runs for each one, on the
    /// listener's thread.
    pub fn listen(&self, on_focus: impl Fn() + Send + 'static) -> std::io::Result<()> {
        // A socket file left by an instance that died is stale: we hold the lock now.
        let _ = std::fs::remove_file(&self.socket);
        let listener = UnixListener::bind(&self.socket)?;
        std::thread::Builder::new()
            .name("single-instance".into())
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    let mut line = String::new();
                    let mut reader = BufReader::new(&stream);
                    if reader.read_line(&mut line).is_ok() && line.trim() == FOCUS {
                        on_focus();
                        let _ = (&stream).write_all(b"ok\n");
                    }
                }
            })?;
        Ok(())
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.socket);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    #[test]
    fn a_second_claim_on_the_same_data_finds_the_first_and_asks_it_to_focus() {
        let dir = tempfile::tempdir().unwrap();
        let Claim::First(first) = claim(dir.path()).unwrap() else {
            panic!("the first claim must win");
        };
        let focused = Arc::new(AtomicUsize::new(0));
        let seen = focused.clone();
        first
            .listen(move || {
                seen.fetch_add(1, Ordering::SeqCst);
            })
            .unwrap();
        match claim(dir.path()).unwrap() {
            Claim::Running { answered } => assert!(answered, "the first instance did not answer"),
            Claim::First(_) => panic!("two instances on one data directory"),
        }
        assert_eq!(focused.load(Ordering::SeqCst), 1);
        // Another data directory is another instance.
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(claim(other.path()).unwrap(), Claim::First(_)));
        // Once the first is gone, the data is free again.
        drop(first);
        assert!(matches!(claim(dir.path()).unwrap(), Claim::First(_)));
    }

    #[test]
    fn holding_the_data_fails_quietly_while_an_instance_runs() {
        let dir = tempfile::tempdir().unwrap();
        let held = hold(dir.path()).unwrap().expect("free data");
        assert!(hold(dir.path()).unwrap().is_none());
        assert!(matches!(
            claim(dir.path()).unwrap(),
            Claim::Running { answered: false }
        ));
        drop(held);
        assert!(hold(dir.path()).unwrap().is_some());
    }

    #[test]
    fn a_held_lock_without_a_listener_is_still_refused() {
        let dir = tempfile::tempdir().unwrap();
        let Claim::First(_first) = claim(dir.path()).unwrap() else {
            panic!("the first claim must win");
        };
        assert!(matches!(
            claim(dir.path()).unwrap(),
            Claim::Running { answered: false }
        ));
    }
}
