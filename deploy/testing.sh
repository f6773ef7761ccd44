# shellcheck shell=bash
# Helpers the deployment checks share; sourced by deploy/ci.sh, deploy/docker/test-image.sh and
# deploy/systemd/test-unit.sh, never run. They install what the checks need on a plain Debian 12 machine,
# set up podman so that it runs there, and build Debian root file systems to use as container images
# (no image registry is reachable, so every image a check runs is built here from Debian's packages).

# Fails the check with a message.
fail() {
    echo "FAILED: $*" >&2
    exit 1
}

# Seconds since the epoch, for the timings the checks print.
now() {
    date +%s
}

# Installs those of the named Debian packages that are missing. apt's output is shown only on failure.
ensure_packages() {
    local missing=() package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep 'install ok installed' >/dev/null; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "--- installing: ${missing[*]}"
    local log own_policy=""
    log=$(mktemp)
    # policy-rc.d exit 101 tells the packages' maintainer scripts not to start their services (podman's
    # socket, Prometheus), as .ci/run does; the checks start what they need themselves.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 0755 /usr/sbin/policy-rc.d
        own_policy=yes
    fi
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        [ -n "$own_policy" ] && rm -f /usr/sbin/policy-rc.d
        fail "could not install ${missing[*]}"
    fi
    rm -f "$log"
    [ -n "$own_policy" ] && rm -f /usr/sbin/policy-rc.d
    return 0
}

# podman as root on a plain Debian 12 machine: runc as the runtime (what the podman package depends on),
# and resource limits far below podman's defaults (1048576 open files), which exceed what this kind of
# machine lets runc set ("error setting rlimits for ready process"). 4096 files and processes are plenty
# for the advisor. Writes a containers.conf into DIR and exports CONTAINERS_CONF.
use_podman() {
    cat >"$1/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]

[engine]
runtime = "runc"
EOF
    export CONTAINERS_CONF=$1/containers.conf
}

# The apt sources of this machine that serve Debian 12 (bookworm), so that a root file system comes from
# the same mirror, and the same point release, as the machine's own packages.
bookworm_sources() {
    local file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] && grep -qE '^[^#]*bookworm' "$file" && echo "$file"
    done
    return 0
}

# Builds a minimal Debian 12 root file system with the named packages (comma-separated) and imports it
# into podman as IMAGE. Documentation, manual pages and translations are left out; man1 must exist
# all the same, because the JRE's postinst registers java.1.gz with update-alternatives there.
build_debian_image() {
    local image=$1 packages=$2
    shift 2
    local sources
    mapfile -t sources < <(bookworm_sources)
    mmdebstrap --quiet --variant=minbase --include="$packages" \
        --aptopt='APT::Install-Recommends "false"' \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
        bookworm - "${sources[@]}" \
        | podman import --quiet "$@" - "$image" >/dev/null
}

# GET http://127.0.0.1:PORT/PATH from this machine: prints the body, returns non-zero unless the status
# is 200.
http_get() {
    curl --silent --show-error --fail --max-time 5 "http://127.0.0.1:$1$2"
}
