#!/usr/bin/env bash
# Runs the Debian package under a real systemd: boots systemd as PID 1 in a throwaway container, installs
# the .deb there (its postinst enables and starts the service), and checks what systemd-analyze can only
# score: that the JVM starts and serves /healthz inside the unit's sandbox (dynamic user, syscall filter,
# no capabilities, read-only system), that a Slack URL passed as an encrypted credential reaches the
# advisor and nothing else, that reload and stop behave, and that remove and purge clean up.
#
# The container is --privileged because systemd inside it builds each service's sandbox (mount and user
# namespaces, seccomp), which needs CAP_SYS_ADMIN there; it has no network and is removed on exit.
# Needs root, podman, mmdebstrap and the .deb from the Maven build (deploy/ci.sh installs the tools):
#   ./mvnw -q -B package -DskipTests && deploy/systemd/test-unit.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/testing.sh

[ "$(id -u)" = 0 ] || fail "run as root (rootful podman, as CI runs it)"
debs=(packaging/target/scaling-advisor_*_all.deb)
[ -f "${debs[0]}" ] || fail "build first: ./mvnw -q -B package -DskipTests"
deb=$(readlink -f "${debs[0]}")
ensure_packages podman runc mmdebstrap

run_id=$$-$(now)
work=$(mktemp -d)
container=scaling-advisor-systemd-test-$run_id
image=localhost/scaling-advisor-systemd-test:$run_id
own_image=""
cleanup() {
    podman rm --force --volumes "$container" >/dev/null 2>&1 || true
    [ -n "$own_image" ] && { podman rmi --force "$own_image" >/dev/null 2>&1 || true; }
    rm -rf "$work"
}
trap cleanup EXIT
# A stopped run cleans up as well: bash runs the EXIT trap after INT or TERM only when they are trapped.
trap 'exit 130' INT
trap 'exit 143' TERM
use_podman "$work"

# SYSTEMD_IMAGE: an image built by an earlier run, to skip building it again while working on this script.
if [ -n "${SYSTEMD_IMAGE:-}" ]; then
    image=$SYSTEMD_IMAGE
else
    own_image=$image
    echo "--- systemd test image: Debian 12 minbase + systemd + openjdk-17-jre-headless (mmdebstrap)"
    started=$(now)
    build_debian_image "$image" systemd,systemd-sysv,dbus,procps,openjdk-17-jre-headless --change 'CMD ["/sbin/init"]'
    echo "    built in $(( $(now) - started )) s"
fi

started=$(now)
in_container() {
    podman exec "$container" "$@"
}
# The same, with this script's standard input passed on (a file to write, a secret to encrypt).
in_container_from_stdin() {
    podman exec --interactive "$container" "$@"
}
podman run --detach --name "$container" --systemd=always --privileged --network none \
    --volume "$deb:/tmp/scaling-advisor.deb:ro" "$image" >"$work/run.log" 2>&1 \
    || { cat "$work/run.log" >&2; fail "could not boot systemd in a container"; }
# Until systemd's bus is up, systemctl cannot even ask; then --wait waits for the boot to finish.
state=""
for _ in $(seq 1 60); do
    state=$(in_container timeout 60 systemctl is-system-running --wait 2>/dev/null || true)
    case "$state" in running|degraded) break ;; esac
    sleep 1
done
case "$state" in
    running|degraded) echo "    systemd $(in_container systemctl --version | head -1 | cut -d' ' -f2) is PID 1 ($state)" ;;
    *) fail "systemd did not boot: $state" ;;
esac
# systemd hands a service its credentials through a mount below /run/credentials, which must propagate
# into the service's mount namespace. On a host systemd makes / shared at boot; podman's mounts here are
# private.
in_container mount --make-rshared /

# The advisor's health, asked inside the container (it binds 127.0.0.1 there); bash alone, no curl.
healthz() {
    in_container bash -c 'exec 3<>/dev/tcp/127.0.0.1/9790 && printf "GET /healthz HTTP/1.0\r\n\r\n" >&3 && IFS=" " read -r _ status _ <&3 && [ "$status" = 200 ]' 2>/dev/null
}
await_healthy() {
    for _ in $(seq 1 60); do
        healthz && return 0
        [ "$(in_container systemctl is-active scaling-advisor)" = failed ] && break
        sleep 1
    done
    in_container journalctl -u scaling-advisor --no-pager >&2 || true
    fail "the service did not answer /healthz"
}
main_pid() {
    in_container systemctl show -P MainPID scaling-advisor
}

echo "--- dpkg -i: postinst enables and starts scaling-advisor.service"
in_container dpkg -i /tmp/scaling-advisor.deb >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i"; }
[ "$(in_container systemctl is-enabled scaling-advisor)" = enabled ] || fail "not enabled by postinst"
await_healthy
[ "$(in_container systemctl is-active scaling-advisor)" = active ] || fail "not active"
echo "    active, /healthz 200"

pid=$(main_pid)
status=$(in_container cat "/proc/$pid/status")
grep -qE '^Uid:\s+0\s' <<<"$status" && fail "the advisor runs as root"
grep -qE '^CapEff:\s+0+$' <<<"$status" || fail "the advisor has capabilities"
grep -qE '^CapBnd:\s+0+$' <<<"$status" || fail "the advisor's bounding set is not empty"
grep -qE '^NoNewPrivs:\s+1$' <<<"$status" || fail "the advisor may gain privileges"
grep -qE '^Seccomp:\s+2$' <<<"$status" || fail "no system call filter"
# Even root, entering the service's mount namespace, finds the system read-only there.
if in_container nsenter --target "$pid" --mount touch /usr/share/scaling-advisor/x 2>/dev/null; then
    fail "/usr is writable inside the service's sandbox"
fi
in_container test -f /var/lib/private/scaling-advisor/advisor.db || fail "no state in the StateDirectory"
echo "    sandbox: dynamic uid $(grep -E '^Uid:' <<<"$status" | awk '{print $2}'), no capabilities, seccomp filter, read-only /usr, state in /var/lib/private/scaling-advisor"

echo "--- a Slack URL as an encrypted credential"
secret="https://hooks.slack.com/services/T0TEST/B0TEST/$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
printf '%s' "$secret" | in_container_from_stdin bash -c 'umask 077 && mkdir -p /etc/credstore.encrypted &&
    systemd-creds encrypt --name=slack-url - /etc/credstore.encrypted/scaling-advisor-slack-url' 2>"$work/creds.log" \
    || { cat "$work/creds.log" >&2; fail "systemd-creds encrypt"; }
in_container_from_stdin bash -c 'mkdir -p /etc/systemd/system/scaling-advisor.service.d && cat > /etc/systemd/system/scaling-advisor.service.d/credentials.conf' <<'EOF'
[Service]
LoadCredentialEncrypted=slack-url:/etc/credstore.encrypted/scaling-advisor-slack-url
EOF
# The administrator's edit of the conffile: a Slack notifier reading the credential.
in_container_from_stdin bash -c 'cat > /etc/scaling-advisor/advisor.yaml' <<'EOF'
mode: recommend
prometheus:
  url: http://127.0.0.1:9090
notifiers:
  - type: console
    name: log
  - type: slack
    name: team-data
    urlFile: ${CREDENTIALS_DIRECTORY}/slack-url
EOF
in_container systemctl daemon-reload
in_container systemctl restart scaling-advisor
await_healthy
in_container journalctl -u scaling-advisor --no-pager -n 20 | grep 'team-data slack https://hooks.slack.com' >/dev/null \
    || { in_container journalctl -u scaling-advisor --no-pager -n 20 >&2; fail "the Slack notifier did not get the credential"; }
pid=$(main_pid)
token=${secret##*/}
{ in_container journalctl --no-pager; in_container systemctl show scaling-advisor; in_container cat "/proc/$pid/cmdline";
  in_container cat "/proc/$pid/environ"; in_container cat /etc/credstore.encrypted/scaling-advisor-slack-url; } >"$work/exposed" 2>&1
grep -qF "$token" "$work/exposed" && fail "the Slack URL shows up in the journal, the unit's properties, the command line, the environment or the credential store"
echo "    read from \$CREDENTIALS_DIRECTORY; in no journal line, unit property, command line or environment"

echo "--- reload and stop"
in_container systemctl reload scaling-advisor
for _ in $(seq 1 20); do
    in_container journalctl -u scaling-advisor --no-pager -n 5 | grep 'configuration reloaded' >/dev/null && break
    sleep 0.5
done
in_container journalctl -u scaling-advisor --no-pager -n 5 | grep 'configuration reloaded' >/dev/null || fail "SIGHUP did not reload"
stop_started=$(now)
in_container systemctl stop scaling-advisor
[ "$(in_container systemctl show -P Result scaling-advisor)" = success ] || fail "stop did not end in success"
[ "$(in_container systemctl show -P ExecMainStatus scaling-advisor)" = 0 ] || fail "exit status after SIGTERM is not 0"
[ $(( $(now) - stop_started )) -le 10 ] || fail "took more than 10 s to stop"
echo "    reloaded on SIGHUP; stopped with exit status 0 in $(( $(now) - stop_started )) s"

echo "--- dpkg -r stops the service; dpkg -P purges configuration and state"
in_container systemctl start scaling-advisor
await_healthy
in_container dpkg -r scaling-advisor >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -r"; }
in_container pgrep -f scaling-advisor.jar >/dev/null && fail "the advisor still runs after dpkg -r"
in_container test -e /usr/lib/systemd/system/scaling-advisor.service && fail "the unit is still there after dpkg -r"
in_container test -f /etc/scaling-advisor/advisor.yaml || fail "dpkg -r removed the edited configuration"
in_container dpkg -P scaling-advisor >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -P"; }
leftovers=$(in_container find / -xdev \( -path /proc -o -path /sys -o -path /tmp \) -prune -o -name '*scaling-advisor*' -print \
    | grep -v -e '^/etc/credstore.encrypted/' -e '^/etc/systemd/system/scaling-advisor.service.d' || true)
[ -z "$leftovers" ] || fail "left after purge: $leftovers"
echo "    nothing of the package left but the administrator's own drop-in and credential"

echo "--- systemd test passed in $(( $(now) - started )) s (image not counted)"
