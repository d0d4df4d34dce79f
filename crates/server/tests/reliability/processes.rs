//! The processes the suite starts — the release binary, a private PostgreSQL,
//! a private Redis and HAProxy — each behind a guard that stops it on drop,
//! also when a test fails.
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub const SECRET_KEY: &str = "reliability-suite-secret-key-of-forty-chars";

/// The release binary under test, from `HABITFLOW_RELIABILITY_BIN`.
pub fn binary() -> PathBuf {
    let path = std::env::var_os("HABITFLOW_RELIABILITY_BIN")
        .map(PathBuf::from)
        .expect(
            "HABITFLOW_RELIABILITY_BIN names the release binary \
         (cargo build --release --bin habitflow; $CARGO_TARGET_DIR/release/habitflow)",
        );
    assert!(path.is_file(), "{} is not a file", path.display());
    path
}

/// How long each load phase runs: `HABITFLOW_RELIABILITY_SECONDS`, 60 by default.
pub fn load_duration() -> Duration {
    let seconds = std::env::var("HABITFLOW_RELIABILITY_SECONDS")
        .ok()
        .map(|v| {
            v.parse::<u64>()
                .expect("HABITFLOW_RELIABILITY_SECONDS is a whole number")
        })
        .unwrap_or(60);
    Duration::from_secs(seconds.max(10))
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local address")
        .port()
}

pub fn temp_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!(
        "habitflow-reliability-{name}-{}",
        uuid::Uuid::now_v7().simple()
    ));
    std::fs::create_dir_all(&folder).expect("create a temp folder");
    folder
}

fn send_signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill {signal} {pid} failed");
}

/// The resident set size of a process, in KiB, from /proc/PID/status.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited early with {status}");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("{what} did not listen on port {port} within 30 s");
}

/// Polls until the child exits or the time is up; `None` when it is still running.
pub fn wait_with_deadline(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            return Some(status);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A `habitflow serve` process; killed on drop if still running.
pub struct Server {
    pub port: u16,
    pub folder: PathBuf,
    env: Vec<(String, String)>,
    child: Option<Child>,
    name: String,
}

impl Server {
    /// Starts the binary in `folder` with `env` on a free port and waits until
    /// `/healthz/live` answers.
    pub fn start(name: &str, folder: &Path, env: &[(&str, &str)]) -> Self {
        let mut server = Self {
            port: free_port(),
            folder: folder.to_owned(),
            env: env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            child: None,
            name: name.to_owned(),
        };
        server.spawn();
        server
    }

    fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.folder.join(format!("{}.log", self.name)))
            .expect("open the server log");
        let mut command = Command::new(binary());
        command
            .arg("serve")
            .current_dir(&self.folder)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HABITFLOW_BIND", format!("127.0.0.1:{}", self.port))
            .env("HABITFLOW_SECRET_KEY", SECRET_KEY)
            .env("HABITFLOW_QUOTES_URL", "")
            .env("HABITFLOW_TRUSTED_PROXIES", "127.0.0.1")
            // The 64 load connections all come from loopback, one client
            // address: the per-address request limit would refuse the load
            // itself (docs/reliability.md).
            .env("HABITFLOW_CLIENT_REQUESTS_PER_MINUTE", "0")
            .stdout(log.try_clone().expect("clone the log handle"))
            .stderr(log);
        for (key, value) in &self.env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start habitflow");
        wait_until_live(self.port, &mut child, &self.name);
        self.child = Some(child);
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the server runs").id()
    }

    pub fn child(&mut self) -> &mut Child {
        self.child.as_mut().expect("the server runs")
    }

    pub fn sigterm(&self) {
        send_signal(self.pid(), "-TERM");
    }

    /// SIGTERM, then waits (at most 30 s) for the exit; returns its status.
    pub fn stop(&mut self) -> Option<ExitStatus> {
        self.sigterm();
        let status = wait_with_deadline(self.child(), Duration::from_secs(30));
        if status.is_some() {
            self.child = None;
        }
        status
    }

    /// Starts the binary again on the same port after it has exited.
    pub fn restart_after_exit(&mut self) {
        if let Some(mut child) = self.child.take() {
            let exited = child.try_wait().expect("poll the server");
            assert!(exited.is_some(), "{} still runs", self.name);
        }
        self.spawn();
    }

    /// The last lines of the server's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.folder.join(format!("{}.log", self.name)))
            .unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

fn wait_until_live(port: u16, child: &mut Child, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let agent = crate::client::agent();
    while Instant::now() < deadline {
        if let Ok(response) = agent
            .get(format!("http://127.0.0.1:{port}/healthz/live"))
            .call()
            && response.status() == 200
        {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("habitflow ({name}) exited early with {status}");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("habitflow ({name}) did not answer /healthz/live within 30 s");
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

/// Runs a command as the `postgres` user when this process is root
/// (initdb refuses root).
fn as_postgres(program: &Path) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn postgres_bin(name: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed under /usr/lib/postgresql")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path().join("bin").join(name))
        .filter(|path| path.is_file())
        .collect();
    found.sort();
    found
        .pop()
        .unwrap_or_else(|| panic!("no {name} under /usr/lib/postgresql/*/bin"))
}

fn run(mut command: Command, what: &str) {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A private PostgreSQL cluster on a free port, with a `habitflow` database.
pub struct Postgres {
    pub port: u16,
    data: PathBuf,
    folder: PathBuf,
    running: bool,
}

impl Postgres {
    pub fn start() -> Self {
        let folder = temp_folder("postgres");
        let data = folder.join("data");
        let chown = Command::new("chown")
            .args(["-R", "postgres"])
            .arg(&folder)
            .status();
        let _ = chown;
        let port = free_port();
        let mut initdb = as_postgres(&postgres_bin("initdb"));
        initdb
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "-D"])
            .arg(&data);
        run(initdb, "initdb");
        let mut postgres = Self {
            port,
            data,
            folder,
            running: false,
        };
        postgres.ctl(&["start"]);
        postgres.running = true;
        let mut createdb = Command::new(postgres_bin("createdb"));
        createdb.args([
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "-U",
            "postgres",
            "habitflow",
        ]);
        run(createdb, "createdb");
        postgres
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/habitflow", self.port)
    }

    fn ctl(&self, action: &[&str]) {
        let mut command = as_postgres(&postgres_bin("pg_ctl"));
        command
            .arg("-D")
            .arg(&self.data)
            .args(["-w", "-t", "30", "-l"])
            .arg(self.folder.join("postgres.log"))
            .args([
                "-o",
                &format!(
                    "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=on",
                    self.port,
                    self.folder.display()
                ),
            ])
            .args(action)
            .stdout(Stdio::null());
        run(command, &format!("pg_ctl {action:?}"));
    }

    /// A fast restart: open connections are terminated, the server stops
    /// and starts again; returns when it accepts connections.
    pub fn restart(&self) {
        self.ctl(&["restart", "-m", "fast"]);
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if self.running {
            let mut command = as_postgres(&postgres_bin("pg_ctl"));
            command
                .arg("-D")
                .arg(&self.data)
                .args(["-w", "-m", "immediate", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            command.status().ok();
        }
        std::fs::remove_dir_all(&self.folder).ok();
    }
}

/// A private Redis on a free port. It saves its data when stopped and loads
/// it when started again, as a production Redis with persistence does, so a
/// restart keeps the sign-in sessions.
pub struct Redis {
    pub port: u16,
    folder: PathBuf,
    child: Option<Child>,
}

impl Redis {
    pub fn start() -> Self {
        let mut redis = Self {
            port: free_port(),
            folder: temp_folder("redis"),
            child: None,
        };
        redis.spawn();
        redis
    }

    fn spawn(&mut self) {
        let mut child = Command::new("redis-server")
            .args([
                "--port",
                &self.port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "3600 1",
                "--appendonly",
                "no",
                "--dir",
            ])
            .arg(&self.folder)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed");
        wait_for_port(self.port, &mut child, "redis-server");
        self.child = Some(child);
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// SIGTERM (Redis saves and exits), then starts it again.
    pub fn restart(&mut self) {
        let mut child = self.child.take().expect("redis runs");
        send_signal(child.id(), "-TERM");
        let status = wait_with_deadline(&mut child, Duration::from_secs(30));
        assert!(status.is_some(), "redis-server did not stop within 30 s");
        self.spawn();
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            child.kill().ok();
            child.wait().ok();
        }
        std::fs::remove_dir_all(&self.folder).ok();
    }
}

/// HAProxy (Debian's package) on loopback, balancing over the instances.
pub struct Haproxy {
    pub port: u16,
    folder: PathBuf,
    child: Child,
}

impl Haproxy {
    pub fn start(backends: &[u16]) -> Self {
        let folder = temp_folder("haproxy");
        let port = free_port();
        let servers: String = backends
            .iter()
            .enumerate()
            .map(|(i, p)| format!("    server app{i} 127.0.0.1:{p} check\n"))
            .collect();
        let config = format!(
            "global\n    maxconn 2000\n\
             defaults\n    mode http\n    timeout connect 2s\n    timeout client 30s\n    \
             timeout server 30s\n    timeout http-keep-alive 10s\n    retries 3\n    \
             option redispatch\n\
             frontend web\n    bind 127.0.0.1:{port}\n    default_backend app\n\
             backend app\n    balance roundrobin\n    option httpchk GET /healthz/live\n    \
             default-server inter 500ms fall 2 rise 2\n{servers}"
        );
        let config_path = folder.join("haproxy.cfg");
        std::fs::write(&config_path, config).expect("write haproxy.cfg");
        let haproxy = if Path::new("/usr/sbin/haproxy").is_file() {
            PathBuf::from("/usr/sbin/haproxy")
        } else {
            PathBuf::from("haproxy")
        };
        let log = std::fs::File::create(folder.join("haproxy.log")).expect("haproxy log");
        let mut child = Command::new(haproxy)
            .arg("-db")
            .arg("-f")
            .arg(&config_path)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("haproxy is installed (apt-get install haproxy)");
        wait_for_port(port, &mut child, "haproxy");
        Self {
            port,
            folder,
            child,
        }
    }
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        std::fs::remove_dir_all(&self.folder).ok();
    }
}
