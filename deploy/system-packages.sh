#!/usr/bin/env bash
# The machine's own packages the image builds and their tests need: podman (with runc) to build and run
# the images, debootstrap to make their base when no registry answers, netavark and aardvark-dns for the
# network on which docker-compose.yml's containers find each other by name (podman's packages only
# recommend them), and iptables, through which netavark sets up every container's network (without it
# each `podman run` fails with "netavark: No such file or directory"). Installed with apt-get when missing (as root, or through sudo); `make system-packages` runs
# this, and so does `make test`.
#
# Groups: `pages` (Node.js and npm, which fetch the pages' browser libraries; `make setup` asks for these alone),
# `browser` (Debian's chromium for the browser tests, and a Korean font, without which chromium draws Korean as
# empty boxes), `images` (the above). No argument: every group.
set -euo pipefail

declare -A GROUPS_OF=(
  [pages]="nodejs npm"
  [browser]="chromium fonts-nanum"
  [images]="podman runc debootstrap netavark aardvark-dns iptables"
)
wanted=("${@:-pages browser images}")
PACKAGES=()
for group in ${wanted[*]}; do
  read -r -a members <<<"${GROUPS_OF[$group]:?unknown group $group (pages, browser or images)}"
  PACKAGES+=("${members[@]}")
done
# Where the default limits fail to start any container ("error setting rlimit ... operation not
# permitted"), these start every one of ours; podman run, podman build and podman-compose all read it.
ULIMITS_CONF=/etc/containers/containers.conf.d/50-marketplace-ulimits.conf

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo --non-interactive "$@"; fi
}

missing=()
for package in "${PACKAGES[@]}"; do
  # Node.js builds from nodejs.org's own repository bring npm inside the nodejs package, and conflict with Debian's.
  if [ "$package" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Install ${missing[*]} with this system's package manager; the image builds need them." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ " ${wanted[*]} " == *" images "* ]] && [ ! -f "$ULIMITS_CONF" ]; then
  as_root mkdir -p "$(dirname "$ULIMITS_CONF")"
  printf '%s\n' '[containers]' 'default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]' \
    | as_root tee "$ULIMITS_CONF" >/dev/null
fi
