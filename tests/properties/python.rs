//! An independent iCalendar reader: Python's `icalendar`, in the same
//! virtual environment the API tests make (`<target>/test-python/`, same
//! pinned package, same lock and `ready` marker), kept running for the
//! whole test binary so that each case costs one line over a pipe.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

const PYTHON_PACKAGE: &str = "icalendar==6.1.0";

/// Reads one calendar per input line (JSON string), answers one JSON line:
/// the calendar's METHOD and its events' fields as the parser decodes them.
const SCRIPT: &str = r#"
import sys, json, icalendar
def cn(prop):
    return None if prop is None else str(prop.params.get("CN", ""))
for line in sys.stdin:
    try:
        cal = icalendar.Calendar.from_ical(json.loads(line))
        out = []
        for e in cal.walk("VEVENT"):
            s, t = e.decoded("DTSTART"), e.decoded("DTEND")
            loc = e.get("LOCATION")
            out.append({"uid": str(e["UID"]), "sequence": int(e["SEQUENCE"]),
                "status": str(e.get("STATUS", "")),
                "summary": str(e["SUMMARY"]), "description": str(e["DESCRIPTION"]),
                "location": None if loc is None else str(loc),
                "organizer": cn(e.get("ORGANIZER")), "organizer_uri": str(e.get("ORGANIZER", "")),
                "attendee": cn(e.get("ATTENDEE")), "attendee_uri": str(e.get("ATTENDEE", "")),
                "start": s.timestamp(), "end": t.timestamp(),
                "utc": s.utcoffset() is not None and s.utcoffset().total_seconds() == 0})
        print(json.dumps({"method": str(cal.get("METHOD")), "name": str(cal.get("X-WR-CALNAME", "")), "events": out}), flush=True)
    except Exception as e:
        print(json.dumps({"error": repr(e)}), flush=True)
"#;

struct Reader {
    _child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// The calendar `ics` as Python's `icalendar` reads it.
pub fn read_calendar(ics: &str) -> Value {
    static READER: OnceLock<Mutex<Reader>> = OnceLock::new();
    let reader = READER.get_or_init(|| {
        let mut child = Command::new(python())
            .args(["-c", SCRIPT])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python runs");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Mutex::new(Reader {
            _child: child,
            stdin,
            stdout,
        })
    });
    let mut r = reader
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let line = serde_json::to_string(ics).expect("a JSON string");
    writeln!(r.stdin, "{line}").expect("written to python");
    r.stdin.flush().expect("flushed");
    let mut answer = String::new();
    r.stdout.read_line(&mut answer).expect("python answers");
    serde_json::from_str(&answer).expect("python answers JSON")
}

fn python() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let root = target.join("test-python");
    let venv = root.join(PYTHON_PACKAGE.replace("==", "-"));
    let python = venv.join("bin").join("python3");
    let ready = venv.join("ready");
    if ready.exists() {
        return python;
    }
    std::fs::create_dir_all(&root).expect("test-python folder");
    let lock = std::fs::File::create(root.join("lock")).expect("lock file");
    lock.lock().expect("locked");
    if ready.exists() {
        return python;
    }
    if venv.exists() {
        std::fs::remove_dir_all(&venv).expect("half-made environment removed");
    }
    let ok = |cmd: &mut Command, what: &str| {
        let out = cmd.output().expect(what);
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(
        Command::new("python3").args(["-m", "venv"]).arg(&venv),
        "python3 -m venv (python3-venv)",
    );
    ok(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PYTHON_PACKAGE,
        ]),
        "pip install icalendar (PyPI must be reachable once)",
    );
    std::fs::write(&ready, PYTHON_PACKAGE).expect("ready marker");
    python
}
