//! Starts and stops everything an end-to-end test needs: an Xvfb display, tauri-driver,
//! and the app on its own data directory. Everything started here is stopped on drop, so a
//! failing test leaves no process behind.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::thread::sleep;
use std::time::{Duration, Instant};

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// One window at a time: two WebKit processes on two cores make timing-sensitive drags flaky.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub const WAIT: Duration = Duration::from_secs(20);

/// A process that is asked to stop with SIGTERM on drop (SIGKILL would orphan
/// WebKitWebDriver), then killed if it does not stop.
struct Process {
    name: &'static str,
    child: Child,
}

impl Process {
    fn stop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            sleep(Duration::from_millis(50));
        }
        eprintln!("{} did not stop on SIGTERM; killing it", self.name);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An X display, tauri-driver on a free port, and a data directory for the app.
pub struct Harness {
    driver: Process,
    _display: Process,
    driver_port: u16,
    data_dir: tempfile::TempDir,
    _serial: MutexGuard<'static, ()>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        sleep(Duration::from_millis(50));
    }
}

fn tool(env: &str, name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(env) {
        return PathBuf::from(path);
    }
    let cargo_bin = dirs_home().join(".cargo/bin").join(name);
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from(name)
    }
}

fn dirs_home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default()
}

fn start_display() -> (Process, String) {
    for number in 90..190 {
        if Path::new(&format!("/tmp/.X{number}-lock")).exists() {
            continue;
        }
        let child = Command::new("Xvfb")
            .args([
                &format!(":{number}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start Xvfb; `make test` installs it (package xvfb)");
        let mut display = Process {
            name: "Xvfb",
            child,
        };
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            // Another run may have taken this number a moment ago: ours exits, and the socket
            // is theirs. Only a live Xvfb of our own counts.
            if let Ok(Some(_)) = display.child.try_wait() {
                break;
            }
            if socket.exists() {
                sleep(Duration::from_millis(100));
                if let Ok(None) = display.child.try_wait() {
                    return (display, format!(":{number}"));
                }
                break;
            }
            sleep(Duration::from_millis(20));
        }
        display.stop();
    }
    panic!("could not start Xvfb on any display from :90 to :189");
}

impl Harness {
    pub fn new() -> Harness {
        let serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let (display, display_name) = start_display();
        let driver_port = free_port();
        let native_port = free_port();
        let driver = Command::new(tool("TAURI_DRIVER", "tauri-driver"))
            .args([
                "--port",
                &driver_port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display_name)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start tauri-driver; `make test` installs it");
        let driver = Process {
            name: "tauri-driver",
            child: driver,
        };
        // tauri-driver listens at once, but forwards to WebKitWebDriver, which it starts
        // itself: a session requested before that one listens fails.
        wait_until("tauri-driver", Duration::from_secs(10), || {
            TcpStream::connect(("127.0.0.1", driver_port)).is_ok()
        });
        wait_until("WebKitWebDriver", Duration::from_secs(10), || {
            TcpStream::connect(("127.0.0.1", native_port)).is_ok()
        });
        Harness {
            driver,
            _display: display,
            driver_port,
            data_dir: tempfile::tempdir().expect("temp data dir"),
            _serial: serial,
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// Where the app saves exports in tests (`--export-dir`), inside the data dir.
    pub fn export_dir(&self) -> PathBuf {
        self.data_dir.path().join("exports")
    }

    /// Whether an app process is running on this harness's data dir.
    pub fn app_running(&self) -> bool {
        !processes_using(self.data_dir.path()).is_empty()
    }

    /// Kills the app at once with SIGKILL, as a crash or a power cut would: nothing in the
    /// page or the shell gets to run. `launch` starts it again on the same data.
    pub fn kill_app(&self) {
        let killed = kill_apps_using(self.data_dir.path());
        assert!(killed > 0, "no app process was running on the data dir");
        wait_until("the app to die", Duration::from_secs(5), || {
            processes_using(self.data_dir.path()).is_empty()
        });
    }

    /// Starts the app on this harness's data directory and connects to its window.
    pub async fn launch(&self) -> App {
        // A quit app may still be closing and holding the data directory: a new launch then
        // only brings that window forward and exits. Wait for it to be gone first.
        let deadline = Instant::now() + Duration::from_secs(10);
        while apps_using(self.data_dir.path()) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        kill_apps_using(self.data_dir.path());
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({
                "application": env!("CARGO_BIN_EXE_teamlead"),
                "args": [
                    "--data-dir",
                    self.data_dir().to_str().expect("utf-8 temp path"),
                    "--export-dir",
                    self.export_dir().to_str().expect("utf-8 temp path"),
                ],
            }),
        );
        let url = format!("http://127.0.0.1:{}", self.driver_port);
        let mut attempts = 0;
        loop {
            // A session that never comes (the app hung at start) fails the test, not CI.
            let mut builder = ClientBuilder::native();
            builder.capabilities(caps.clone());
            let connecting = builder.connect(&url);
            let connected = tokio::time::timeout(Duration::from_secs(60), connecting)
                .await
                .unwrap_or_else(|_| panic!("no WebDriver session with the app within 60 s"));
            match connected {
                Ok(client) => return App { client },
                // A connection dropped while the drivers settle is worth another try.
                Err(error) if attempts < 5 => {
                    eprintln!("WebDriver session not ready ({error}); retrying");
                    attempts += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(error) => panic!("no WebDriver session with the app: {error}"),
            }
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.driver.stop();
        // The app is WebKitWebDriver's child; make sure no copy on our data dir survives.
        kill_apps_using(self.data_dir.path());
    }
}

/// Whether a process other than this one has `dir` on its command line.
fn apps_using(dir: &Path) -> bool {
    !processes_using(dir).is_empty()
}

/// The live processes (not zombies) whose command line mentions `dir`.
fn processes_using(dir: &Path) -> Vec<u32> {
    let needle = dir.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        // A zombie's command line reads empty, so it never matches.
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        if String::from_utf8_lossy(&cmdline).contains(&needle) && pid != std::process::id() {
            found.push(pid);
        }
    }
    found
}

/// Kills (SIGKILL) any process whose command line mentions `dir`; returns how many.
fn kill_apps_using(dir: &Path) -> usize {
    let pids = processes_using(dir);
    for pid in &pids {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    pids.len()
}

/// The app's window, seen through WebDriver.
pub struct App {
    pub client: Client,
}

impl App {
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Clicks the element `css` names, once it is on the page.
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// The element an XPath names, for finding things by their text.
    pub async fn find_xpath(&self, xpath: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("no element {xpath}: {e}"))
    }

    /// Runs `script` in the page and returns its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs an asynchronous script in the page: it ends by calling the callback WebDriver
    /// passes as its last argument. Used by the webview benchmark, which shares this file.
    #[allow(dead_code)]
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\n{script}"))
    }

    /// Polls `script` until it returns `expected`, failing with the last value seen.
    pub async fn eventually(&self, script: &str, args: Vec<Value>, expected: Value) {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.js(script, args.clone()).await;
            if value == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out: expected {expected}, last saw {value}\n{script}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Polls `script` until it returns something other than null, and returns that.
    pub async fn until_some(&self, script: &str, args: Vec<Value>) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.js(script, args.clone()).await;
            if !value.is_null() {
                return value;
            }
            assert!(Instant::now() < deadline, "timed out waiting for\n{script}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses and releases each key in turn, sent to whatever has focus, as a user would.
    pub async fn press(&self, keys: &[char]) {
        let mut actions = KeyActions::new("keyboard".into());
        for &key in keys {
            actions = actions
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("key presses");
    }

    /// Holds `modifiers` (e.g. Control, `'\u{E009}'`) while pressing `key`.
    pub async fn chord(&self, modifiers: &[char], key: char) {
        let mut actions = KeyActions::new("keyboard".into());
        for &m in modifiers {
            actions = actions.then(KeyAction::Down { value: m });
        }
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        for &m in modifiers.iter().rev() {
            actions = actions.then(KeyAction::Up { value: m });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("key chord");
    }

    /// Drags `from` onto `to` with real pointer actions: press, move in steps, release.
    pub async fn drag(&self, from: &Element, to: &Element, to_offset: (f64, f64)) {
        let step = |x: f64, y: f64| PointerAction::MoveBy {
            duration: Some(Duration::from_millis(30)),
            x,
            y,
        };
        let actions = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element: from.clone(),
                duration: Some(Duration::from_millis(50)),
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(step(3.0, 3.0))
            .then(step(6.0, 6.0))
            .then(step(20.0, 10.0))
            .then(PointerAction::MoveToElement {
                element: to.clone(),
                duration: Some(Duration::from_millis(300)),
                x: to_offset.0,
                y: to_offset.1,
            })
            .then(step(1.0, 1.0))
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client
            .perform_actions(actions)
            .await
            .expect("pointer drag");
        let _ = self.client.release_actions().await;
    }

    /// Ends the session, which closes the window and quits the app.
    pub async fn quit(self) {
        self.client.close().await.expect("close the session");
    }
}
