#!/usr/bin/env bash
# Checks the deployments as far as a machine without a Kubernetes cluster can (docs/deploy.md):
#   - every variant's overlay, images/<variant>/kubernetes, rendered by kubectl kustomize and
#     validated offline against the Kubernetes API's schemas and field names and the restricted Pod
#     Security Standard (ci/deploy/validate.mjs, with the npm packages ci/deploy/package-lock.json pins)
#   - compose.yaml brought up with its default variant (or WHOAMI_VARIANT): requests through nginx reach
#     all three replicas, one replica stopped while requests go on gets no request failed, then down.
#     On an engine without a bridge network it adds compose.host-network.yaml
#
#   ci/deploy-check.sh
#   WHOAMI_VARIANT=scratch WHOAMI_REPOSITORY=my-whoami ci/deploy-check.sh
#
# The image WHOAMI_REPOSITORY:WHOAMI_VARIANT (default whoami:jlink) is built first where the engine lacks
# it. nginx is NGINX_IMAGE (default compose.yaml's), pulled as compose pulls it; where no registry gives it,
# ci/fill-mirror.sh makes a mirror that does (docs/without-a-registry.md). Needs kubectl (ci/tools.sh), Node.js 20+
# with npm, Docker with compose v2, curl, and a JDK 21+ to build a missing image (ci/with-jdk).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=ci/lib.sh
source ci/lib.sh

readonly VARIANT=${WHOAMI_VARIANT:-jlink}
readonly REPOSITORY=${WHOAMI_REPOSITORY:-whoami}
readonly IMAGE=$REPOSITORY:$VARIANT
readonly NGINX=${NGINX_IMAGE:-nginx:1.28-alpine}
readonly PROXY=http://127.0.0.1:8080/whoami
readonly REPLICAS=(whoami-1 whoami-2 whoami-3)
readonly WAIT_SECONDS=120

say() { echo "==> $*"; }
fail() { echo "$*" >&2; exit 1; }

for tool in kubectl npm node curl docker; do
  command -v "$tool" >/dev/null 2>&1 \
    || fail "ci/deploy-check.sh needs $tool: install it (kubectl: ci/tools.sh; npm and node: Node.js 20+; docker: ci/docker-engine.sh) and re-run."
done
docker compose version >/dev/null 2>&1 || fail "docker compose (v2) is missing: install Docker's compose plugin (Debian: docker-compose 2.x) and re-run."

say "npm packages (ci/deploy/package-lock.json)"
npm ci --prefix ci/deploy --no-audit --no-fund --loglevel=error

say "kubectl kustomize and schema validation, every overlay ($(kubectl version --client | head -1))"
mapfile -t variants < <(image_variants)
for variant in "${variants[@]}"; do
  overlay=images/$variant/kubernetes
  [[ -f $overlay/kustomization.yaml ]] || fail "images/$variant has no overlay: add $overlay/kustomization.yaml (docs/adding-a-variant.md)."
  kubectl kustomize "$overlay" | node ci/deploy/validate.mjs "$overlay"
done

say "compose.yaml with $IMAGE behind $NGINX"
require_image_variant "$VARIANT"
maven_args=()
compose_files=(-f compose.yaml)
if ! docker network inspect bridge >/dev/null 2>&1; then
  say "The engine has no bridge network: compose.host-network.yaml too, and builds on the host's network"
  compose_files+=(-f compose.host-network.yaml)
  maven_args+=(-Ddocker.build.network=host)
  for port in 8080 8081 8082 8083; do
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null \
      || fail "Port $port is taken on this machine, and compose.host-network.yaml needs 8080 to 8083: free it and re-run."
  done
fi
if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "No image $IMAGE: building it (ci/with-jdk ./mvnw -pl images/$VARIANT -am package)"
  jib_reads_base_from_engine && maven_args+=("${jib_args[@]}")
  ci/with-jdk ./mvnw -B -q -pl "images/$VARIANT" -am package -DskipTests -Dimage.repository="$REPOSITORY" \
    "${maven_args[@]}"
fi

if ! docker image inspect "$NGINX" >/dev/null 2>&1 && ! docker pull -q "$NGINX" >/dev/null 2>&1; then
  fail "No registry gives $NGINX: log in to Docker Hub or point your engine at a mirror (docs/without-a-registry.md), and re-run."
fi

export WHOAMI_VARIANT=$VARIANT WHOAMI_REPOSITORY=$REPOSITORY NGINX_IMAGE=$NGINX
compose=(docker compose --project-name whoami-deploy-check "${compose_files[@]}")
down() { "${compose[@]}" down --timeout 15 >/dev/null 2>&1 || true; }
trap down EXIT
"${compose[@]}" up -d --wait --wait-timeout "$WAIT_SECONDS"

# The host name that answered one request through nginx, on a connection of its own; empty if none.
ask() {
  local answer
  answer=$(curl -sS --max-time 5 -w '\n%{http_code}' "$PROXY" 2>/dev/null) || return 0
  if [[ ${answer##*$'\n'} == 200 ]]; then
    echo "${answer%$'\n'*}"
  fi
}

for ((i = 0; i < WAIT_SECONDS; i++)); do
  [[ -n $(ask) ]] && break
  sleep 1
done
[[ -n $(ask) ]] || { "${compose[@]}" logs --tail 20 >&2; fail "nginx gave no 200 on $PROXY within $WAIT_SECONDS s."; }

declare -A seen=()
for ((i = 0; i < 30; i++)); do
  name=$(ask)
  [[ -n $name ]] || fail "Request $i through nginx failed."
  seen[$name]=1
done
for replica in "${REPLICAS[@]}"; do
  [[ -n ${seen[$replica]:-} ]] || fail "30 requests through nginx never reached $replica; they reached: ${!seen[*]}"
done
say "30 requests through nginx reached ${!seen[*]}"

# whoami-2 gets docker stop's SIGTERM while requests go on, one after another, each on its own
# connection; every one must get its 200, and none after the stop may come from whoami-2.
readonly STOPPED=whoami-2
"${compose[@]}" stop --timeout 10 "$STOPPED" >/dev/null 2>&1 &
stopper=$!
failed=0 answered=0 after_stop=()
for ((i = 0; i < 300; i++)); do
  name=$(ask)
  if [[ -z $name ]]; then
    failed=$((failed + 1))
  else
    answered=$((answered + 1))
  fi
  if ! kill -0 "$stopper" 2>/dev/null; then
    after_stop+=("$name")
    [[ ${#after_stop[@]} -ge 30 ]] && break
  fi
  sleep 0.02
done
wait "$stopper" || fail "docker compose stop $STOPPED failed."
[[ $failed -eq 0 ]] || fail "$failed of $((failed + answered)) requests through nginx failed while $STOPPED stopped."
[[ ${#after_stop[@]} -ge 30 ]] || fail "$STOPPED took longer to stop than 300 requests: it was still running."
for name in "${after_stop[@]}"; do
  [[ $name != "$STOPPED" ]] || fail "nginx still got an answer from $STOPPED after it stopped."
done
state=$("${compose[@]}" ps --all --format '{{.State}} {{.ExitCode}}' "$STOPPED")
[[ $state == "exited 143" || $state == "exited 0" ]] || fail "$STOPPED ended as '$state', not by SIGTERM (143 or 0)."
say "$STOPPED stopped ($state) under $answered requests through nginx, none failed; the last 30 from $(printf '%s\n' "${after_stop[@]}" | sort -u | paste -sd' ')"

"${compose[@]}" down --timeout 15
trap - EXIT
say "compose round trip done"
