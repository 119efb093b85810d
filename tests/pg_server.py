"""A private PostgreSQL server for the tests and the benchmarks, started and stopped on demand.

Debian's own PostgreSQL binaries are used (found on PATH or under /usr/lib/postgresql/*/bin, and
installed with apt-get when missing and we are root). The server gets its own data folder in a
temporary directory, listens on a free port of 127.0.0.1 only (its unix socket in that directory
too), trusts local logins, and skips fsync: it holds test data, nothing else. PostgreSQL refuses to
run as root, so as root every server command runs as the ``postgres`` system user (created when
missing).

This module imports nothing from newsgraph, so the benchmarks can use it too:

    with PostgresServer.started() as server:
        url = server.new_database()  # 'postgresql://newsgraph@127.0.0.1:PORT/ng_1'
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

USER = "newsgraph"  # the database superuser that initdb makes; logins are trusted on 127.0.0.1
SYSTEM_USER = "postgres"  # who runs the server when we are root
SERVER_SETTINGS = {  # a throwaway server: speed over durability
    "listen_addresses": "127.0.0.1", "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
    "max_connections": "200", "shared_buffers": "64MB", "log_min_messages": "warning",
}


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL could be found, installed or started; the message says what to do."""


def find_bin_dir() -> Path | None:
    """The folder holding initdb/pg_ctl/postgres: PATH first, then Debian's versioned folders (newest)."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def install() -> None:
    """Debian's `postgresql` package, through apt-get (root only)."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise PostgresUnavailable("PostgreSQL is not installed and cannot be installed here (apt-get as root is "
                                  "needed): install Debian's `postgresql` package")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise PostgresUnavailable(f"`{' '.join(command)}` failed: {done.stderr.strip()[-500:]}")


def _system_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
                       check=True, capture_output=True)
        return pwd.getpwnam(SYSTEM_USER)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One running server; ``new_database()`` gives the URL of a fresh, empty database on it."""

    def __init__(self, base: Path, bin_dir: Path, port: int):
        self.base, self.bin_dir, self.port = base, bin_dir, port
        self.data = base / "data"
        self.log = base / "server.log"
        self._names = itertools.count(1)
        self._as: list[str] = []
        if os.geteuid() == 0:
            owner = _system_user()
            os.chown(base, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", SYSTEM_USER, "--"]

    @classmethod
    def start(cls, parent: Path | None = None) -> "PostgresServer":
        """initdb a private data folder and start a server on it; raises PostgresUnavailable."""
        bin_dir = find_bin_dir()
        if bin_dir is None:
            install()
            bin_dir = find_bin_dir()
            if bin_dir is None:
                raise PostgresUnavailable("apt-get installed `postgresql` but no initdb was found")
        base = Path(tempfile.mkdtemp(prefix="newsgraph-pg-", dir=parent))
        base.chmod(0o755)
        server = cls(base, bin_dir, free_port())
        try:
            server._initdb()
            server._start()
        except BaseException:
            server.stop()
            raise
        return server

    @classmethod
    @contextmanager
    def started(cls, parent: Path | None = None) -> Iterator["PostgresServer"]:
        server = cls.start(parent)
        try:
            yield server
        finally:
            server.stop()

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run([*self._as, str(self.bin_dir / args[0]), *args[1:]], capture_output=True, text=True,
                              timeout=timeout, cwd=self.base)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
            raise PostgresUnavailable(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()[-1500:]}\n{log}")

    def _initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "--encoding=UTF8",
                  "--locale=C.UTF-8", "--no-sync", "--no-instructions")

    def _start(self) -> None:
        options = " ".join(f"-c {k}={v}" for k, v in SERVER_SETTINGS.items())
        for attempt in range(3):  # the free port may be taken between finding and binding it
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                          "-o", f"-p {self.port} -k {self.base} {options}", "start")
                return
            except PostgresUnavailable:
                if attempt == 2:
                    raise
                self.port = free_port()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname=database, autocommit=True,
                             connect_timeout=10) as conn:
            conn.execute(sql)

    def new_database(self, prefix: str = "ng") -> str:
        """A fresh empty database; its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server at once (its data is thrown away) and remove its folder."""
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop", timeout=60)
            except (PostgresUnavailable, subprocess.TimeoutExpired):
                pass
        for _ in range(20):  # the server's last files may still be written as it exits
            shutil.rmtree(self.base, ignore_errors=True)
            if not self.base.exists():
                break
            time.sleep(0.1)
