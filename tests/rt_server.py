"""A real Request Tracker 5 server per test session (Debian packages, SQLite in a temp dir).

`scripts/ensure_rt.sh` installs the packages when missing (root, apt); the server gets its
own config dir, database and free port, and is stopped with its whole process group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RT_SERVER = "/usr/share/request-tracker5/libexec/rt-server"
SITE_CONFIG = """
Set($rtname, 'rt.test'); Set($Organization, 'rt.test'); Set($Timezone, 'UTC');
Set($DatabaseType, 'SQLite'); Set($DatabaseName, '{db}');
Set($WebPath, ''); Set($WebDomain, '127.0.0.1'); Set($WebPort, {port});
Set($WebBaseURL, 'http://127.0.0.1:{port}');
Set($LogToSyslog, undef); Set($LogToSTDERR, 'warning'); Set($MailCommand, 'mbox');
1;
"""
TOKEN_PERL = """RT::LoadConfig(); RT::Init(); my $u = RT::CurrentUser->new; $u->Load("root");
my ($id, $msg, $auth) = RT::AuthToken->new($u)->Create(Owner => $u->id, Description => "tests");
die "$msg\\n" unless $id; print $auth"""


@dataclass(frozen=True)
class RTServer:
    base: str  # …/REST/2.0/
    token: str
    user: str = "root"
    password: str = "password"


def ensure_installed() -> str | None:
    """Install RT if needed; return why it cannot run here, or None."""
    result = subprocess.run(
        ["bash", str(ROOT / "scripts/ensure_rt.sh")], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not os.path.exists(RT_SERVER):
        return f"request-tracker5 could not be installed: {result.stderr[-500:]}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_server(tmp: Path) -> Iterator[RTServer]:
    port = _free_port()
    (tmp / "conf.d").mkdir()
    (tmp / "conf.d/99-test.pm").write_text(SITE_CONFIG.format(db=tmp / "rtdb", port=port))
    env = dict(os.environ, RT_SITE_CONFIG_DIR=str(tmp / "conf.d"))
    setup = ["/usr/sbin/rt-setup-database", "--action", "init"]
    subprocess.run(setup, env=env, check=True, stdin=subprocess.DEVNULL, capture_output=True)
    token = subprocess.run(
        ["perl", "-I/usr/share/request-tracker5/lib", "-MRT", "-e", TOKEN_PERL],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with open(tmp / "server.log", "w") as log:
        args = [RT_SERVER, "--host", "127.0.0.1", "--port", str(port), "--max-workers", "2"]
        proc = subprocess.Popen(
            args, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            base = f"http://127.0.0.1:{port}/REST/2.0/"
            _wait_ready(proc, base, tmp / "server.log")
            yield RTServer(base=base, token=token)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _wait_ready(proc: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:  # ready when /REST/2.0/ answers 401 (the app is loaded)
        if proc.poll() is not None:
            raise RuntimeError(log.read_text())
        try:
            urllib.request.urlopen(base, timeout=2)
            return
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("RT did not start in 60 s")
        time.sleep(0.1)
