#!/usr/bin/env bash
# Every deployment check, after the Maven build has made the jar and the .deb (.ci/run calls it last):
#   1. the configurations and manifests shipped for the host, compose and Kubernetes are valid (the
#      Kubernetes ones also as Kustomize builds them), and the manifest check refuses what it must;
#   2. the systemd unit passes systemd-analyze verify and scores well in systemd-analyze security;
#   3. the .deb passes lintian, names every bundled library in its copyright file, installs on this
#      machine with its man pages and bash completion, `check` passes from the installed paths, and remove
#      and purge leave nothing behind but what they should;
#   4. the container image builds from the shipped Dockerfile and runs read-only as UID 65532;
#   5. the .deb runs as a service under a real systemd, with its sandbox and a credential.
# Installs the Debian and npm packages it needs; leaves nothing installed, running or stored that it made.
#
#   ./mvnw -q -B package -DskipTests && deploy/ci.sh        (as root)
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/testing.sh

all_started=$(now)
[ "$(id -u)" = 0 ] || fail "run as root: it installs the .deb and runs podman as root, as CI does"
jar=advisor/target/scaling-advisor.jar
debs=(packaging/target/scaling-advisor_*_all.deb)
[ -f "$jar" ] && [ -f "${debs[0]}" ] || fail "build first: ./mvnw -q -B package -DskipTests"
[ ${#debs[@]} -eq 1 ] || fail "more than one .deb in packaging/target: ${debs[*]}"
deb=${debs[0]}

packages=(systemd podman runc mmdebstrap curl git docker-compose lintian man-db bash-completion)
command -v promtool >/dev/null || packages+=(prometheus)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
command -v kubectl >/dev/null || packages+=(kubernetes-client)   # kubectl kustomize
ensure_packages "${packages[@]}"

work=$(mktemp -d)
installed_here=""
cleanup() {
    # A failed check must not leave the package installed on this machine.
    if [ -n "$installed_here" ] && dpkg-query -W scaling-advisor >/dev/null 2>&1; then
        dpkg --purge scaling-advisor >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
# A stopped run cleans up as well: bash runs the EXIT trap after INT or TERM only when they are trapped.
trap 'exit 130' INT
trap 'exit 143' TERM
passed=0

# Runs the advisor's own `check` on a configuration, with the environment given as NAME=VALUE first.
check_config() {
    local file=${*: -1}
    if ! env "${@:1:$#-1}" STATE_DIRECTORY="$work/state" bin/scaling-advisor check --config "$file" >"$work/check.log" 2>&1; then
        cat "$work/check.log" >&2
        fail "scaling-advisor check $file"
    fi
    echo "    valid: $file"
}

echo "--- 1. shipped configurations, compose files and Kubernetes manifests"
started=$(now)
printf 'https://hooks.slack.com/services/T0/B0/ci\n' >"$work/slack-url"
check_config packaging/src/deb/etc/advisor.yaml
check_config deploy/docker/advisor.yaml
check_config PROMETHEUS_URL=http://prometheus:9090 FLINK_REST_URL=http://jobmanager:8081 deploy/docker/compose/advisor.yaml
check_config PROMETHEUS_URL=http://prometheus:9090 FLINK_REST_URL=http://jobmanager:8081 SLACK_URL_FILE="$work/slack-url" \
    deploy/docker/compose/advisor-slack.yaml
promtool check config deploy/docker/compose/prometheus.yml >"$work/promtool.log" 2>&1 \
    || { cat "$work/promtool.log" >&2; fail "promtool check config"; }
echo "    valid: deploy/docker/compose/prometheus.yml (promtool)"
# Debian's docker-compose (1.29) checks the files against the Compose schema; it predates the top-level
# `name:`, so it reads a copy without that one line.
mkdir "$work/compose"
cp -r deploy/docker/compose deploy/docker/compose.yaml deploy/docker/compose.slack.yaml "$work/compose/"
sed -i '/^name: /d' "$work/compose/compose.yaml"
touch "$work/compose/compose/slack-url"
( cd "$work/compose" && docker-compose -f compose.yaml config -q && docker-compose -f compose.yaml -f compose.slack.yaml config -q ) \
    || fail "docker-compose config"
echo "    valid: deploy/docker/compose.yaml, with and without compose.slack.yaml (docker-compose config)"
mkdir "$work/k8s" "$work/k8s/configs" "$work/k8s/bad"
cp deploy/kubernetes/check/package.json deploy/kubernetes/check/package-lock.json deploy/kubernetes/check/check-manifests.mjs "$work/k8s/"
( cd "$work/k8s" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1 ) || { cat "$work/npm.log" >&2; fail "npm ci"; }
check_manifests() {
    node "$work/k8s/check-manifests.mjs" "$@"
}
check_manifests "$work/k8s/configs" deploy/kubernetes/*.yaml deploy/kubernetes/service-monitor/*.yaml | sed 's/^/    /'
# What users apply: the Kustomize base, and an overlay of theirs with the ServiceMonitor component and
# their own image (kustomize takes relative paths only).
kubectl kustomize deploy/kubernetes >"$work/k8s/kustomized.yaml" 2>"$work/kustomize.log" \
    || { cat "$work/kustomize.log" >&2; fail "kubectl kustomize deploy/kubernetes"; }
mkdir "$work/overlay"
repo_from_overlay=$(realpath --relative-to="$work/overlay" .)
printf '%s\n' "resources: [$repo_from_overlay/deploy/kubernetes]" \
    "components: [$repo_from_overlay/deploy/kubernetes/service-monitor]" \
    "images: [{name: registry.example.com/scaling-advisor, newName: registry.example.org/scaling-advisor, newTag: ci}]" \
    >"$work/overlay/kustomization.yaml"
kubectl kustomize "$work/overlay" >"$work/k8s/overlay.yaml" 2>"$work/kustomize.log" \
    || { cat "$work/kustomize.log" >&2; fail "kubectl kustomize of an overlay with the service-monitor component"; }
grep -q 'image: registry.example.org/scaling-advisor:ci' "$work/k8s/overlay.yaml" || fail "the overlay's image did not replace the base's"
check_manifests "$work/k8s/bad" "$work/k8s/kustomized.yaml" | sed 's/^/    kubectl kustomize deploy\/kubernetes: /'
check_manifests "$work/k8s/bad" "$work/k8s/overlay.yaml" | sed 's/^/    an overlay with the service-monitor component: /'
# The check itself: it must refuse an act-mode sidecar whose journal dies with the pod, and the
# Deployment without its NetworkPolicy.
sed -e 's/mode: recommend/mode: act/' -e 's/^          persistentVolumeClaim:$/          emptyDir: {}/' -e '/claimName: scaling-advisor-sidecar-state/d' \
    deploy/kubernetes/jobmanager-sidecar.yaml >"$work/k8s/bad/sidecar-emptydir.yaml"
check_manifests "$work/k8s/bad" "$work/k8s/bad/sidecar-emptydir.yaml" >/dev/null 2>"$work/refused.log" \
    && fail "the manifest check accepted an act-mode sidecar with its state on emptyDir"
grep -q 'not a PersistentVolumeClaim (mode act' "$work/refused.log" \
    || { cat "$work/refused.log" >&2; fail "the manifest check refused the emptyDir sidecar for another reason"; }
check_manifests "$work/k8s/bad" deploy/kubernetes/advisor-deployment.yaml >/dev/null 2>"$work/refused.log" \
    && fail "the manifest check accepted the Deployment without a NetworkPolicy"
grep -q 'no NetworkPolicy selects this pod' "$work/refused.log" \
    || { cat "$work/refused.log" >&2; fail "the manifest check refused the Deployment without NetworkPolicy for another reason"; }
echo "    the check refuses an act-mode sidecar with its state on emptyDir, and the Deployment without its NetworkPolicy"
for config in "$work"/k8s/configs/*.yaml; do
    check_config "$config" | sed "s|$work/k8s/configs/|ConfigMap |"
done
echo "    ($(( $(now) - started )) s)"
passed=$((passed + 1))

echo "--- 2. Debian package installed here; its systemd unit: verify and security"
started=$(now)
dpkg-query -W -f='${Status}' scaling-advisor 2>/dev/null | grep 'installed' >/dev/null \
    && fail "scaling-advisor is already installed on this machine; this check installs and purges its own"
# The .deb's dependencies: a Java 17 runtime and procps (for ExecReload's kill).
ensure_packages openjdk-17-jre-headless procps
installed_here=yes
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i $deb"; }
unit=/usr/lib/systemd/system/scaling-advisor.service
cmp -s "$unit" deploy/systemd/scaling-advisor.service || fail "the installed unit differs from deploy/systemd/scaling-advisor.service"
# verify: with the package installed, so that ExecStart's /usr/bin/scaling-advisor exists.
if ! systemd-analyze verify "$unit" >"$work/verify.out" 2>"$work/verify.err" || [ -s "$work/verify.err" ]; then
    cat "$work/verify.out" "$work/verify.err" >&2
    fail "systemd-analyze verify $unit"
fi
echo "    systemd-analyze verify: clean"
systemd-analyze security --offline=true --threshold=25 "$unit" >"$work/security.out" 2>&1 \
    || { cat "$work/security.out" >&2; fail "systemd-analyze security: exposure above 2.5"; }
grep -E '✗|NAME' "$work/security.out" | sed 's/^/    /' || true
exposure=$(grep -o 'Overall exposure level for scaling-advisor.service: [0-9.]*' "$work/security.out" | awk '{print $NF}')
echo "    systemd-analyze security --offline=true: exposure $exposure (at most 2.5)"
passed=$((passed + 1))

echo "--- 3. Debian package: lintian, copyright, man pages, completion, check from the installed paths, remove, purge"
# lintian runs as nobody: it unpacks the package it is given, and says so when it runs as root.
cp "$deb" "$work/package.deb"
chmod 0755 "$work"
chmod 0644 "$work/package.deb"
setpriv --reuid=nobody --regid=nogroup --clear-groups lintian --fail-on error,warning "$work/package.deb" >"$work/lintian.log" 2>&1 \
    || { cat "$work/lintian.log" >&2; fail "lintian"; }
echo "    lintian $(dpkg-query -W -f='${Version}' lintian): no error, no warning"
copyright=/usr/share/doc/scaling-advisor/copyright
unnamed=$(sed -n 's/^ *\([^: ]*\):\([^: ]*\):jar:.*/\1:\2/p' packaging/target/bundled-libraries.txt \
    | while read -r library; do grep -qE "^ +$library( |$)" "$copyright" || echo "$library"; done)
[ -z "$unnamed" ] || fail "bundled in the jar but not named in $copyright (packaging/src/deb/copyright): $unnamed"
echo "    copyright: names all $(grep -c ':jar:' packaging/target/bundled-libraries.txt) bundled libraries"
man -w scaling-advisor >/dev/null 2>&1 || fail "man scaling-advisor finds no page"
man_pages=$(ls /usr/share/man/man1/scaling-advisor*.1.gz | wc -l)
commands=$(bash -c 'source /usr/share/bash-completion/bash_completion && source /usr/share/bash-completion/completions/scaling-advisor &&
    COMP_WORDS=(scaling-advisor ""); COMP_CWORD=1; _picocli_scaling-advisor; printf "%s\n" "${COMPREPLY[@]}"' | grep -v '^-' | sort | tr '\n' ' ')
for command in run check evaluate version; do
    grep -qw "$command" <<<"$commands" || fail "bash completion does not offer '$command' (offers: $commands)"
    man -w "scaling-advisor-$command" >/dev/null 2>&1 || fail "no man page scaling-advisor-$command"
done
echo "    man: $man_pages pages (man scaling-advisor, man scaling-advisor-run, …); bash completion offers: $commands"
/usr/bin/scaling-advisor check --config /etc/scaling-advisor/advisor.yaml | sed 's/^/    /' \
    || fail "check of /etc/scaling-advisor/advisor.yaml from the installed paths"
dpkg-query -W -f='${Conffiles}\n' scaling-advisor | grep '^ /etc/scaling-advisor/advisor.yaml ' >/dev/null \
    || fail "/etc/scaling-advisor/advisor.yaml is not a conffile"
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./|/|' | grep -v '/$' >"$work/files"
dpkg -r scaling-advisor >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -r"; }
remaining=$(while read -r file; do if [ -e "$file" ]; then echo "$file"; fi; done <"$work/files")
[ "$remaining" = /etc/scaling-advisor/advisor.yaml ] || fail "after dpkg -r, expected only the conffile, found: $remaining"
echo "    dpkg -r: of $(wc -l <"$work/files") files only the conffile remains"
dpkg -P scaling-advisor >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -P"; }
installed_here=""
[ -e /etc/scaling-advisor ] && fail "dpkg -P left /etc/scaling-advisor"
leftovers=$(find /etc /lib/systemd /usr /var/lib/systemd /var/lib/private /var/lib/scaling-advisor -name '*scaling-advisor*' 2>/dev/null || true)
[ -z "$leftovers" ] || fail "left after dpkg -P: $leftovers"
echo "    dpkg -P: nothing left (conffile, enablement links and state are gone)"
echo "    ($(( $(now) - started )) s)"
passed=$((passed + 1))

# 4 and 5 each build a Debian image first, mostly waiting on downloads and dpkg: side by side they take
# about as long as the slower one. 5 writes to a log, shown after 4.
echo "--- 4. container image (5, the Debian package under systemd, runs alongside)"
podman images --all --quiet | sort >"$work/images-before"
deploy/systemd/test-unit.sh >"$work/test-unit.log" 2>&1 &
unit_test=$!
image_result=0
deploy/docker/test-image.sh || image_result=$?
unit_result=0
wait "$unit_test" || unit_result=$?
[ "$image_result" = 0 ] || fail "container image test"
passed=$((passed + 1))
echo "--- 5. the Debian package under systemd"
sed 's/^/  /' "$work/test-unit.log"
[ "$unit_result" = 0 ] || fail "systemd test"
left=$(podman images --all --quiet | sort | comm -13 "$work/images-before" -)
[ -z "$left" ] || fail "the container tests left images behind: $(echo $left)"
echo "  no image of theirs left in podman"
passed=$((passed + 1))

echo "--- deployment checks took $(( $(now) - all_started )) s"
echo "deploy: $passed passed, 0 failed"
