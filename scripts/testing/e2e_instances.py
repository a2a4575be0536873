"""Private, throw-away instances of real MTAs for the end-to-end tests (scripts/testing/e2e_mta.py).

Both relay every message to the loopback sink (scripts/testing/mta_sink.py), accept SMTP
from 127.0.0.1 on a loopback port of their own, write a log file the daemon follows, and
never retry on their own: a deferred message is tried again only when the test flushes the
queue, so the number of attempts is the test's decision, not the clock's.

- Postfix: Debian's installed package (postfix in scripts/integration/packages.txt), run
  with `postfix -c DIR` on a configuration, queue and `maillog_file` of its own. The
  machine's /etc/postfix and its service are neither read for settings nor touched. SMTP
  AUTH through Cyrus SASL with a sasldb of its own (saslpasswd2, Debian's sasl2-bin).
- Exim 4.96: Debian's exim4-daemon-light .deb, fetched with `apt-get download` and unpacked
  with `dpkg -x` (never installed: as a mail-transport-agent it would remove Postfix). The
  binary wants its compiled-in user Debian-exim, so it runs in a private mount namespace
  where copies of /etc/passwd and /etc/group that name that user are bind-mounted. SMTP
  AUTH through a `plaintext` authenticator that knows the test's one user.

Both offer AUTH without TLS, to loopback clients only: a test setting, never a production one.
"""

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time

import e2e_plan
from crash_daemon import CheckFailed, stop_process

# Every process logs in UTC, like the daemon that crash_daemon.Daemon starts with TZ=UTC.
UTC = dict(os.environ, TZ="UTC")


def run(argv, what, timeout=60, **options):
    """Runs a command; fails with its output when it exits non-zero."""
    try:
        done = subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, **options)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"{what}: no answer within {timeout} s: {' '.join(argv)}")
    if done.returncode != 0:
        raise CheckFailed(
            f"{what} failed (status {done.returncode}): {' '.join(argv)}\n"
            + done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace"))
    return done.stdout.decode(errors="replace")


def tail(path, lines=40):
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", "replace").splitlines()[-lines:]
    except FileNotFoundError:
        return f"({path} does not exist)"
    return "\n".join("  " + line for line in text)


class Postfix:
    """A private Postfix instance under `root`, its smtpd on 127.0.0.1:`port`."""

    name = "postfix"
    hostname = "mx1.bouncewatch.test"

    def __init__(self, root, port, sink_port):
        self.root = root
        self.port = port
        self.sink_port = sink_port
        self.etc = os.path.join(root, "etc")
        self.queue = os.path.join(root, "queue")
        # What the daemon's `queue: directory` names: Postfix's queue_directory.
        self.queue_directory = self.queue
        self.log_path = os.path.join(root, "postfix.log")
        self.started = False

    def prepare(self):
        for tool in ("postfix", "postconf", "postqueue", "saslpasswd2"):
            if shutil.which(tool) is None and not os.path.exists("/usr/sbin/" + tool):
                raise CheckFailed(f"{tool} is missing: install Debian's postfix and sasl2-bin"
                              " packages (scripts/integration/packages.txt)")
        try:
            pwd.getpwnam("postfix")
        except KeyError:
            raise CheckFailed("the postfix user is missing: install Debian's postfix package")
        data = os.path.join(self.root, "data")
        for directory in (self.etc, self.queue, data):
            os.makedirs(directory, exist_ok=True)
        shutil.chown(data, user="postfix")
        with open(os.path.join(self.etc, "main.cf"), "w") as out:
            out.write(self.main_cf())
        with open(os.path.join(self.etc, "master.cf"), "w") as out:
            out.write(self.master_cf())
        self.prepare_sasl()

    def prepare_sasl(self):
        """The test's SASL user in a sasldb of the instance's own, and the Cyrus settings that
        name it. Debian's smtpd reads `$config_directory/sasl/smtpd.conf` (the `-c`
        directory), whatever `cyrus_sasl_config_path` says."""
        sasl = os.path.join(self.etc, "sasl")
        os.makedirs(sasl, exist_ok=True)
        sasldb = os.path.join(sasl, "sasldb2")
        with open(os.path.join(sasl, "smtpd.conf"), "w") as out:
            out.write(f"pwcheck_method: auxprop\nauxprop_plugin: sasldb\n"
                      f"mech_list: PLAIN LOGIN\nsasldb_path: {sasldb}\n")
        user, realm = e2e_plan.SASL_USER.split("@")
        done = subprocess.run(["saslpasswd2", "-p", "-c", "-f", sasldb, "-u", realm, user],
                              input=e2e_plan.SASL_PASSWORD.encode(), capture_output=True,
                              timeout=60)
        if done.returncode != 0:
            raise CheckFailed(f"saslpasswd2 failed (status {done.returncode}): "
                              + (done.stdout + done.stderr).decode(errors="replace"))
        # smtpd runs as postfix and must read it; `postfix check` wants root to own it.
        shutil.chown(sasldb, user="root", group="postfix")
        os.chmod(sasldb, 0o640)

    def main_cf(self):
        return f"""\
# A private instance for bouncewatch's end-to-end test: relays everything to the sink.
compatibility_level = 3.6
queue_directory = {self.queue}
data_directory = {self.root}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = {self.hostname}
mydomain = bouncewatch.test
myorigin = $myhostname
mydestination =
local_transport = error:local delivery disabled
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost = [127.0.0.1]:{self.sink_port}
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_peername_lookup = no
smtp_tls_security_level = none
smtpd_tls_security_level = none
maillog_file = {self.log_path}
maillog_file_prefixes = {self.root}
# No retries of its own: only the test's `postqueue -f` tries a deferred message again.
queue_run_delay = 1h
minimal_backoff_time = 1h
maximal_backoff_time = 2h
delay_warning_time = 0
# SMTP AUTH (Cyrus SASL, the sasldb of prepare_sasl), without TLS: loopback only.
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
smtpd_sasl_security_options = noanonymous
smtpd_tls_auth_only = no
cyrus_sasl_config_path = {self.etc}/sasl
"""

    def master_cf(self):
        # Debian's services, none chrooted (the queue is not under /var/spool/postfix).
        services = [
            f"127.0.0.1:{self.port} inet n - n - - smtpd",
            "pickup unix n - n 60 1 pickup",
            "cleanup unix n - n - 0 cleanup",
            "qmgr unix n - n 300 1 qmgr",
            "tlsmgr unix - - n 1000? 1 tlsmgr",
            "rewrite unix - - n - - trivial-rewrite",
            "bounce unix - - n - 0 bounce",
            "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce",
            "verify unix - - n - 1 verify",
            "flush unix n - n 1000? 0 flush",
            "proxymap unix - - n - - proxymap",
            "proxywrite unix - - n - 1 proxymap",
            "smtp unix - - n - - smtp",
            "relay unix - - n - - smtp",
            "showq unix n - n - - showq",
            "error unix - - n - - error",
            "retry unix - - n - - error",
            "discard unix - - n - - discard",
            "anvil unix - - n - 1 anvil",
            "scache unix - - n - 1 scache",
            "postlog unix-dgram n - n - 1 postlogd",
        ]
        return "\n".join(services) + "\n"

    def start(self):
        # `postfix` prints its complaints only to a terminal or its log: show the log.
        try:
            run(["postfix", "-c", self.etc, "check"], "postfix check", env=UTC)
            run(["postfix", "-c", self.etc, "start"], "postfix start", env=UTC)
        except CheckFailed as failure:
            raise CheckFailed(f"{failure}\n{self.name} log:\n{tail(self.log_path)}")
        self.started = True

    def flush(self):
        """Every queued message is tried once more, whatever its back-off."""
        run(["postqueue", "-c", self.etc, "-f"], "postqueue -f", env=UTC)

    def queued(self):
        """Messages in the queue now."""
        out = run(["postqueue", "-c", self.etc, "-j"], "postqueue -j", env=UTC)
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def queue_size(self):
        return len(self.queued())

    def stop(self):
        if self.started:
            subprocess.run(["postfix", "-c", self.etc, "stop"], env=UTC,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
            self.started = False


class Exim:
    """A private Exim 4.96 from Debian's .deb under `root`, listening on 127.0.0.1:`port`."""

    name = "exim"
    hostname = "mx2.bouncewatch.test"
    packages = ("exim4-daemon-light",)

    def __init__(self, root, port, sink_port, cache):
        self.root = root
        self.port = port
        self.sink_port = sink_port
        self.cache = cache
        self.tree = os.path.join(cache, "root")
        self.binary = os.path.join(self.tree, "usr/sbin/exim4")
        self.config = os.path.join(root, "exim.conf")
        self.spool = os.path.join(root, "spool")
        # What the daemon's `queue: directory` names: Exim's spool_directory.
        self.queue_directory = self.spool
        self.logs = os.path.join(root, "log")
        self.log_path = os.path.join(self.logs, "mainlog")
        self.passwd = os.path.join(root, "passwd")
        self.group = os.path.join(root, "group")
        self.daemon = None

    # MARK: the binary

    def fetch(self):
        """Debian's exim4-daemon-light unpacked into the cache (kept between runs)."""
        if os.path.exists(self.binary):
            return
        for tool in ("apt-get", "dpkg", "unshare", "mount"):
            if shutil.which(tool) is None:
                raise CheckFailed(f"{tool} is missing; it is needed to run Exim from its .deb")
        download = tempfile.mkdtemp(prefix="exim-debs.")
        # apt-get download runs as _apt, which must be able to write there.
        os.chmod(download, 0o777)
        try:
            argv = ["apt-get", "-qq", "download", *self.packages]
            done = subprocess.run(argv, cwd=download, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=300)
            if done.returncode != 0:
                # A fresh machine may have no package lists yet.
                run(["apt-get", "-qq", "update"], "apt-get update", timeout=600)
                run(argv, "apt-get download", cwd=download, timeout=300)
            staging = self.tree + ".new"
            shutil.rmtree(staging, ignore_errors=True)
            os.makedirs(staging)
            for deb in sorted(glob.glob(os.path.join(download, "*.deb"))):
                run(["dpkg", "-x", deb, staging], f"dpkg -x {os.path.basename(deb)}")
            shutil.rmtree(self.tree, ignore_errors=True)
            os.rename(staging, self.tree)
        finally:
            shutil.rmtree(download, ignore_errors=True)
        # dpkg -x keeps the set-user-ID bit; not needed as root, and it would make the
        # re-executed delivery process run in secure mode.
        os.chmod(self.binary, 0o755)

    def check_libraries(self):
        out = run(["ldd", self.binary], "ldd exim4")
        missing = [line.split()[0] for line in out.splitlines() if "not found" in line]
        if missing:
            raise CheckFailed(
                "Exim's libraries are missing: " + ", ".join(missing)
                + " (scripts/integration/packages.txt lists the Debian packages that have them)")

    # MARK: the instance

    def prepare(self):
        self.fetch()
        self.check_libraries()
        uid = self.exim_uid()
        for directory in (self.spool, self.logs):
            os.makedirs(directory, exist_ok=True)
            os.chown(directory, uid, uid)
        # Exim runs deliveries as Debian-exim: everything on the way must be searchable.
        os.chmod(self.root, 0o755)
        with open(self.config, "w") as out:
            out.write(self.exim_conf())
        os.chmod(self.config, 0o644)
        # A log file the daemon can find before the first message (`type: auto` needs it).
        with open(self.log_path, "a"):
            pass
        os.chown(self.log_path, uid, uid)

    def exim_uid(self):
        """Debian-exim's uid: the host's if it has the user, else a free one in our copies."""
        shutil.copy("/etc/passwd", self.passwd)
        shutil.copy("/etc/group", self.group)
        try:
            return pwd.getpwnam("Debian-exim").pw_uid
        except KeyError:
            pass
        used = {entry.pw_uid for entry in pwd.getpwall()}
        with open("/etc/group") as groups:
            used |= {int(line.split(":")[2]) for line in groups if line.count(":") >= 3}
        uid = next(n for n in range(990, 100, -1) if n not in used)
        with open(self.passwd, "a") as out:
            out.write(f"Debian-exim:x:{uid}:{uid}:bouncewatch test:/nonexistent:/usr/sbin/nologin\n")
        with open(self.group, "a") as out:
            out.write(f"Debian-exim:x:{uid}:\n")
        return uid

    def exim_conf(self):
        return f"""\
# A private Exim for bouncewatch's end-to-end test: relays everything to the sink.
exim_path = {self.binary}
spool_directory = {self.spool}
log_file_path = {self.logs}/%slog
pid_file_path = {self.spool}/exim-daemon.pid
timezone = UTC
# Exim warns at every start unless this is set; an empty list passes nothing on.
keep_environment =
primary_hostname = {self.hostname}
qualify_domain = bouncewatch.test
domainlist local_domains = {self.hostname}
local_interfaces = 127.0.0.1
daemon_smtp_ports = {self.port}
host_lookup = !*
rfc1413_query_timeout = 0s
tls_advertise_hosts =
# Deliver at once, however many messages arrive on one connection.
smtp_accept_queue_per_connection = 0
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_rcpt:
  accept  hosts = :
  accept  hosts = 127.0.0.1
  deny    message = 5.7.1 Relay not permitted

begin routers
sink:
  driver = manualroute
  domains = ! +local_domains
  transport = remote_smtp
  route_list = * 127.0.0.1
  # 127.0.0.1 is this host: deliver there all the same.
  self = send
  no_more

begin transports
remote_smtp:
  driver = smtp
  port = {self.sink_port}
  allow_localhost
  hosts_avoid_tls = *

begin retry
# No retries of its own within the test: only the test's `exim -qff` tries again.
*   *   F,1d,1d

begin authenticators
{self.authenticators()}"""

    @staticmethod
    def authenticators():
        """The test's one SASL user, offered without TLS to loopback clients only."""
        return (
            "PLAIN:\n"
            "  driver = plaintext\n"
            "  public_name = PLAIN\n"
            "  server_advertise_condition = ${if eq{$sender_host_address}{127.0.0.1}}\n"
            "  server_prompts = :\n"
            "  server_condition = ${if and{{eq{$auth2}{%s}}{eq{$auth3}{%s}}}}\n"
            "  server_set_id = $auth2\n" % (e2e_plan.SASL_USER, e2e_plan.SASL_PASSWORD))

    def command(self, *arguments):
        """The argv running this Exim with its passwd and group in a private mount namespace."""
        script = ('mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && '
                  'shift 2 && exec "$@"')
        return ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh",
                self.passwd, self.group, self.binary, "-C", self.config, *arguments]

    def start(self):
        version = run(self.command("-bV"), "exim -bV", env=UTC)
        if "Exim version 4.96" not in version:
            raise CheckFailed("expected Exim 4.96 from Debian 12, got: " + version.splitlines()[0])
        with open(os.path.join(self.root, "exim-daemon.out"), "ab") as out:
            # -bdf: the daemon stays in the foreground, so its pid is ours to stop.
            self.daemon = subprocess.Popen(self.command("-bdf"), env=UTC,
                                           stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.daemon.poll() is not None:
                raise CheckFailed(f"the Exim daemon exited with status {self.daemon.returncode}:"
                                  f"\n{tail(os.path.join(self.root, 'exim-daemon.out'))}"
                                  f"\n{tail(os.path.join(self.logs, 'paniclog'))}")
            if self.listening():
                return
            time.sleep(0.1)
        raise CheckFailed("the Exim daemon did not listen within 20 s")

    def listening(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def flush(self):
        """A forced queue run in the foreground: every queued message tried once more."""
        run(self.command("-qff"), "exim -qff", env=UTC, timeout=120)

    def queue_size(self):
        return int(run(self.command("-bpc"), "exim -bpc", env=UTC).strip() or "0")

    def stop(self):
        stop_process(self.daemon)
        self.daemon = None
