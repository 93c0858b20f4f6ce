#!/usr/bin/env bash
# The tests, on whatever machine runs them: the app's, then every image built (from its Dockerfile, or
# by Jib) and checked on the engine. It first does the set-up it can, and says each step:
#
#   - no Docker engine answers: as root on Debian or Ubuntu it starts one (ci/docker-engine.sh);
#     elsewhere it says to start Docker
#   - the docker client has no buildx plugin: as root on Debian or Ubuntu it installs Docker 26+ with
#     buildx and compose (ci/docker-engine.sh); elsewhere it says what to install
#   - the engine has no bridge network: builds and tests use the host's network
#   - no registry gives the base images: it fills a local registry with stand-ins under the official
#     names and has the engine use it as its Docker Hub mirror (docs/without-a-registry.md)
#   - the engine pulls through a mirror: Jib, which pulls on its own, reads its base from the engine
#   - wrk, nginx or kubectl missing (the container tests use them), or skopeo with -Pcompare: as root it
#     installs them (ci/tools.sh)
#   - -Pcompare and no registry on 127.0.0.1:5000 to push the images to (nor -Dcompare.registry): as root
#     it starts one (ci/local-registry.sh)
#   - a registry on 127.0.0.1:5000 and no -Dimages.registry: the container tests push to it and pull
#     back by digest (PulledByDigestIT; without a registry that one test is skipped and says why)
#
# With Docker Desktop, or any engine that reaches Docker Hub, it does none of this and just builds.
#
#   ci/test.sh                 # ./mvnw -B verify, with a JDK 21+ (ci/with-jdk)
#   ci/test.sh -Pcompare       # extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "==> $*"; }
fail() { echo "$*" >&2; exit 1; }

# The base images the Dockerfiles name by default; one that pulls shows the registry path works.
readonly PROBE_BASE=alpine:3.22
readonly MIRROR=127.0.0.1:5000

engine_answers() { docker info >/dev/null 2>&1; }
# BuildKit, which the Dockerfiles' cache mounts need, is what `docker build` runs on Docker 23+ with the
# buildx plugin.
client_builds_with_buildkit() { docker buildx version >/dev/null 2>&1; }

if ! command -v docker >/dev/null 2>&1 || ! engine_answers || ! client_builds_with_buildkit; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "No Docker engine answers, or the client has no buildx: setting up Docker 26+ (ci/docker-engine.sh)"
    ci/docker-engine.sh
  elif ! engine_answers; then
    fail "No Docker engine answers: start Docker (Docker Desktop, or your distribution's docker service) and re-run."
  else
    fail "$(command -v docker) cannot build with BuildKit (no buildx plugin): install Docker Desktop, or the buildx plugin (Debian, Ubuntu: apt-get install docker-buildx), and re-run."
  fi
fi
say "Docker $(docker version --format '{{.Server.Version}}') ($(docker info --format '{{.Driver}}')), $(docker buildx version | cut -d' ' -f1-2)"
maven_args=(-Ddocker.executable="$(command -v docker)")

if ! docker network inspect bridge >/dev/null 2>&1; then
  say "The engine has no bridge network: builds use the host's network"
  maven_args+=(-Ddocker.build.network=host)
fi

if ! docker pull -q "$PROBE_BASE" >/dev/null 2>&1; then
  [[ $(id -u) -eq 0 ]] || fail "No registry gives $PROBE_BASE: log in to Docker Hub or point your engine at a mirror (docs/without-a-registry.md), and re-run."
  say "No registry gives $PROBE_BASE: filling a local mirror on $MIRROR with stand-in bases (docs/without-a-registry.md)"
  ci/local-registry.sh
  ci/fill-mirror.sh "$MIRROR"
  ci/docker-engine.sh --mirror "http://$MIRROR"
  docker pull -q "$PROBE_BASE" >/dev/null || fail "$PROBE_BASE still does not pull through the mirror: see ci/docker-engine.sh's output above."
fi

# Jib pulls its base itself, past the engine's mirror: where the engine has one, Jib reads the base from
# the engine instead, pulled there first (docs/without-a-registry.md#jib).
# shellcheck source=ci/lib.sh
source ci/lib.sh
if jib_reads_base_from_engine; then
  say "The engine pulls through a mirror: Jib reads its base from the engine (${jib_args[*]})"
  maven_args+=("${jib_args[@]}")
fi

compare=false registry_named=false images_registry_named=false
for arg in "$@"; do
  [[ "$arg" == -P*compare* ]] && compare=true
  [[ "$arg" == -Dcompare.registry=* ]] && registry_named=true
  [[ "$arg" == -Dimages.registry=* ]] && images_registry_named=true
done

tools=(wrk nginx kubectl)
[[ $compare == true ]] && tools+=(skopeo)
for tool in "${tools[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$tool ]]; then
    say "$tool is missing (the tests or the comparison use it): installing the tools (ci/tools.sh)"
    ci/tools.sh
    break
  fi
done

# The comparison pushes every image to a registry (docs/comparison.md); where none is named and none
# answers on the default address, start one.
if [[ $compare == true && $registry_named == false ]] && ! registry_answers "$MIRROR"; then
  if [[ $(id -u) -eq 0 ]]; then
    say "No registry on $MIRROR for the comparison to push to: starting one (ci/local-registry.sh)"
    ci/local-registry.sh
  fi
fi

# The container tests' pull by digest needs a registry to push to: the local one, where one answers.
if [[ $images_registry_named == false ]] && registry_answers "$MIRROR"; then
  say "A registry answers on $MIRROR: the container tests push to it and pull back by digest (-Dimages.registry)"
  maven_args+=(-Dimages.registry="$MIRROR/whoami-test")
fi

say "ci/with-jdk ./mvnw -B verify ${maven_args[*]} $*"
exec ci/with-jdk ./mvnw -B verify "${maven_args[@]}" "$@"
