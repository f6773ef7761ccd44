#!/usr/bin/env bash
# Builds the container image from deploy/docker/Dockerfile, from a clean clone of this repository's HEAD
# (the Dockerfile runs the Maven build itself), and runs it the way docs/deploy.md tells users to:
# read-only root, UID 65532, no capabilities, no privilege gain, configuration and the Slack URL mounted
# as files, state on a volume, /tmp on a noexec tmpfs. Then checks the OCI labels, and, from this machine,
# that it answers /healthz and /metrics, that its HEALTHCHECK reports healthy, that the secret shows up in
# no log, environment or command line, and that SIGTERM stops it with exit status 0.
#
# No registry is reachable here, so a Java 17 JDK image is built from Debian's packages first (mmdebstrap,
# then podman import) and handed to the Dockerfile as BUILD_IMAGE and BASE_IMAGE, as a user would hand it
# eclipse-temurin:17-jdk and :17-jre (one image for both saves building a second one here). Set
# BASE_IMAGE (and BUILD_IMAGE) to existing local images to skip that step. The Maven build inside reads
# this machine's local Maven repository as a read-only cache (Maven's local repository tail), with this
# project's own artifacts hidden from it, so that it downloads only what the machine does not have yet
# and can never take a module from there instead of building it.
#
# Needs root, podman, mmdebstrap and git (deploy/ci.sh installs them):
#   deploy/docker/test-image.sh
# Uncommitted changes are not in the image: it builds HEAD. Everything it creates (containers, volume,
# images, files) is removed on exit, also on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/testing.sh

[ "$(id -u)" = 0 ] || fail "run as root (rootful podman, as CI runs it)"
ensure_packages podman runc mmdebstrap curl git

run_id=$$-$(now)
work=$(mktemp -d)
chmod 0755 "$work"
container=scaling-advisor-test-$run_id
volume=scaling-advisor-test-state-$run_id
image=localhost/scaling-advisor-test:$run_id
own_base=""
cleanup() {
    podman rm --force --volumes "$container" >/dev/null 2>&1 || true
    podman volume rm --force "$volume" >/dev/null 2>&1 || true
    podman rmi --force "$image" >/dev/null 2>&1 || true
    [ -n "$own_base" ] && { podman rmi --force "$own_base" >/dev/null 2>&1 || true; }
    rm -rf "$work"
}
trap cleanup EXIT
# A stopped run cleans up as well: bash runs the EXIT trap after INT or TERM only when they are trapped.
trap 'exit 130' INT
trap 'exit 143' TERM
use_podman "$work"

if [ -z "${BASE_IMAGE:-}" ]; then
    own_base=localhost/scaling-advisor-test-jdk:$run_id
    echo "--- base image: Debian 12 minbase + openjdk-17-jdk-headless (mmdebstrap)"
    started=$(now)
    build_debian_image "$own_base" openjdk-17-jdk-headless
    echo "    built in $(( $(now) - started )) s"
    BASE_IMAGE=$own_base
fi
BUILD_IMAGE=${BUILD_IMAGE:-$BASE_IMAGE}

revision=$(git rev-parse HEAD)
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
git diff --quiet HEAD -- || echo "    (uncommitted changes are not in the image: it is built from HEAD $revision)"
git clone --quiet --no-checkout "$PWD" "$work/src"
git -C "$work/src" checkout --quiet "$revision"

# The machine's Maven repository as a read-only cache, without this project's artifacts.
cache=()
if [ -d "$HOME/.m2/repository" ]; then
    cache+=(--volume "$HOME/.m2/repository:/m2cache:ro")
    if [ -d "$HOME/.m2/repository/dev/scalingadvisor" ]; then
        mkdir "$work/empty"
        cache+=(--volume "$work/empty:/m2cache/dev/scalingadvisor:ro")
    fi
    cache+=(--build-arg "MAVEN_ARGS=-Dmaven.repo.local.tail=/m2cache -Dmaven.repo.local.tail.ignoreAvailability=true")
fi
[ -d "$HOME/.m2/wrapper" ] && cache+=(--volume "$HOME/.m2/wrapper:/root/.m2/wrapper:ro")

started=$(now)
echo "--- building deploy/docker/Dockerfile from a clean clone of $revision (build stage on $BUILD_IMAGE)"
# --format docker: the OCI image format has no HEALTHCHECK; podman would drop it.
# --layers=false: no intermediate images (the build stage's, each step's) stay behind once the image is removed.
if ! podman build --quiet --format docker --layers=false \
        --build-arg "BUILD_IMAGE=$BUILD_IMAGE" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
        --build-arg "VERSION=$version" --build-arg "REVISION=$revision" --build-arg "SOURCE=$(git remote get-url origin 2>/dev/null || echo "$PWD")" \
        "${cache[@]}" -f deploy/docker/Dockerfile -t "$image" "$work/src" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    fail "image build"
fi
size=$(podman image inspect --format '{{.Size}}' "$image")
echo "    built in $(( $(now) - started )) s; image size $(( size / 1000000 )) MB"
[ "$(podman image inspect --format '{{.Config.User}}' "$image")" = 65532:65532 ] || fail "image does not run as 65532"
podman image inspect --format '{{json .Config.Healthcheck}}' "$image" | grep scaling-advisor-healthcheck >/dev/null \
    || fail "image has no HEALTHCHECK"
label() {
    podman image inspect --format "{{index .Config.Labels \"org.opencontainers.image.$1\"}}" "$image"
}
[ "$(label version)" = "$version" ] || fail "label version is '$(label version)', expected $version"
[ "$(label revision)" = "$revision" ] || fail "label revision is '$(label revision)', expected $revision"
[ "$(label licenses)" = Apache-2.0 ] || fail "label licenses is '$(label licenses)'"
[ -n "$(label source)" ] || fail "no source label"
echo "    OCI labels: version $(label version), revision $(label revision | cut -c1-12), licenses $(label licenses), source $(label source)"
volumes=$(podman image inspect --format '{{range $path, $_ := .Config.Volumes}}{{$path}} {{end}}' "$image")
[ "$volumes" = "/var/lib/scaling-advisor " ] || fail "image volumes are '$volumes', expected only /var/lib/scaling-advisor"
echo "    volumes: $volumes(no /tmp)"

echo "--- built-in configuration passes check"
podman run --rm --read-only --network none "$image" check --config /etc/scaling-advisor/advisor.yaml >"$work/check.log" 2>&1 \
    || { cat "$work/check.log" >&2; fail "check of the image's own configuration"; }

# A Slack webhook URL that exists only in this run, as a mounted file named by SLACK_URL_FILE.
secret="https://hooks.slack.com/services/T0TEST/B0TEST/$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
printf '%s\n' "$secret" >"$work/slack-url"
chmod 0444 "$work/slack-url"
cat >"$work/advisor.yaml" <<'EOF'
mode: recommend
prometheus:
  url: http://127.0.0.1:9
notifiers:
  - type: console
    name: log
  - type: slack
    name: team-data
    urlFile: ${SLACK_URL_FILE}
http:
  bind: 0.0.0.0
  port: 9790
EOF
chmod 0444 "$work/advisor.yaml"

echo "--- running it read-only as 65532, all capabilities dropped"
podman volume create "$volume" >/dev/null
# --read-only-tmpfs=false: podman would otherwise add writable tmpfs mounts that Docker does not; the
# image must make do with exactly what is given here. The healthcheck is run below by hand (podman runs
# it from systemd timers, and systemd is not PID 1 here; podman says so on stderr, hence the log).
podman run --detach --name "$container" \
    --read-only --read-only-tmpfs=false \
    --user 65532:65532 --cap-drop=ALL --security-opt=no-new-privileges \
    --tmpfs /tmp:rw,noexec,nosuid,nodev,size=64m \
    --volume "$volume:/var/lib/scaling-advisor" \
    --volume "$work/advisor.yaml:/etc/scaling-advisor/advisor.yaml:ro" \
    --volume "$work/slack-url:/run/secrets/slack-url:ro" \
    --env SLACK_URL_FILE=/run/secrets/slack-url \
    --memory 512m \
    --publish 127.0.0.1::9790 \
    "$image" >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; fail "podman run"; }
port=$(podman port "$container" 9790/tcp | head -1)
port=${port##*:}

for _ in $(seq 1 60); do
    http_get "$port" /healthz >/dev/null 2>&1 && break
    [ "$(podman inspect --format '{{.State.Running}}' "$container")" = true ] \
        || { podman logs "$container" >&2; fail "the container exited"; }
    sleep 1
done
health=$(http_get "$port" /healthz) || { podman logs "$container" >&2; fail "/healthz did not answer 200"; }
echo "    /healthz: $health"
http_get "$port" /metrics >"$work/metrics" || fail "/metrics did not answer 200"
grep -q '^scaling_advisor_build_info' "$work/metrics" || fail "/metrics has no scaling_advisor_build_info"
grep -q '^jvm_memory_used_bytes' "$work/metrics" || fail "/metrics has no JVM metrics"
echo "    /metrics: $(grep -c '^[a-z]' "$work/metrics") samples"

podman healthcheck run "$container" >/dev/null 2>&1 || fail "HEALTHCHECK failed"
[ "$(podman inspect --format '{{.State.Health.Status}}' "$container")" = healthy ] || fail "not reported healthy"
echo "    HEALTHCHECK: healthy"

pid=$(podman inspect --format '{{.State.Pid}}' "$container")
grep -qE '^Uid:\s+65532\s+65532\s+65532\s+65532$' "/proc/$pid/status" || fail "the advisor does not run as 65532"
grep -qE '^CapEff:\s+0+$' "/proc/$pid/status" || fail "the advisor has capabilities"
grep -qE '^NoNewPrivs:\s+1$' "/proc/$pid/status" || fail "the advisor may gain privileges"
[ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$container")" = true ] || fail "root file system is writable"
if podman exec "$container" touch /usr/share/scaling-advisor/x 2>/dev/null; then
    fail "the root file system accepted a write"
fi
echo "    process: uid 65532, no capabilities, no new privileges, read-only root"
podman logs "$container" 2>&1 | grep 'team-data slack' >/dev/null || fail "the Slack notifier was not configured from the secret file"

{ podman logs "$container" 2>&1; podman inspect "$container"; podman image inspect "$image"; podman history --no-trunc "$image";
  tr '\0' '\n' <"/proc/$pid/cmdline"; tr '\0' '\n' <"/proc/$pid/environ"; } >"$work/exposed" 2>&1
if grep -qF "${secret##*/}" "$work/exposed"; then
    fail "the Slack URL shows up in logs, container or image metadata, the command line or the environment"
fi
echo "    secret: in no log, inspect output, image history, command line or environment"

stop_started=$(now)
podman stop --time 15 "$container" >/dev/null 2>>"$work/run.log"
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$container")
[ "$exit_code" = 0 ] || { podman logs "$container" >&2; fail "exit status $exit_code after SIGTERM (expected 0)"; }
[ $(( $(now) - stop_started )) -le 10 ] || fail "took more than 10 s to stop"
echo "    SIGTERM: stopped with exit status 0 in $(( $(now) - stop_started )) s"

echo "--- image test passed in $(( $(now) - started )) s (base image not counted)"
