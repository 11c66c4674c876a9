#!/usr/bin/env bash
# Installs every Debian/Ubuntu package OpsDeck needs to build, test and run its demo.
# Idempotent and non-interactive: packages already present are not touched, and apt
# runs only when something is missing. Works as root, or through sudo otherwise.
set -euo pipefail

packages=(
  # toolchain; clang with its libFuzzer runtime for the fuzz targets the tests run
  g++ cmake make pkg-config ca-certificates clang libclang-rt-dev
  # libraries (Qt 6.4 is the floor; libpqxx 6.x API)
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-translations-l10n libgl-dev
  libpqxx-dev libcurl4-openssl-dev nlohmann-json3-dev libspdlog-dev
  libcpp-httplib-dev libbenchmark-dev qtkeychain-qt6-dev libsimdjson-dev libssl-dev libyaml-cpp-dev
  # servers of the demo environment and the integration tests
  postgresql prometheus prometheus-alertmanager prometheus-node-exporter victoria-metrics
  # a private Docker engine for the Deployments panel (its images built from a static busybox)
  docker.io busybox-static
  # GUI tests, screenshots and fonts (Latin and Simplified Chinese)
  xvfb xauth x11-apps fonts-dejavu-core fonts-noto-cjk
  # packages and their checks (cpack's dependency scan, the desktop entry, AppStream)
  dpkg-dev desktop-file-utils appstream
  # used by the scripts themselves
  procps iproute2 curl util-linux
  # TLS certificates made by the tests (openssl req, s_server)
  openssl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# A Kubernetes client to hold the Kubernetes tests' requests up against: any kubectl
# on the PATH (these machines ship 1.32 as the package kubectl, which Debian's
# kubernetes-client conflicts with), else Debian's.
if ! command -v kubectl >/dev/null 2>&1; then
  missing+=(kubernetes-client)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
