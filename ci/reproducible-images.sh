#!/usr/bin/env bash
# Proves that an image variant is reproducible: two builds of this commit with no layer cache give the
# same image, judged on what every image store agrees on: the layers' diff IDs (digests of their
# uncompressed tars) and the digest of the image's config. An image ID is the config's digest on the
# classic store, the manifest's on the containerd store (Docker 29's default), so IDs are not compared.
#
#   ci/reproducible-images.sh multistage jlink
#   ci/reproducible-images.sh                   # each variant whose pom says image.reproducible true
#   ci/reproducible-images.sh --registry 127.0.0.1:5000/whoami-reproducible jib
#                     # also pushes both builds there: one digest in the registry for the two
#   MAVEN_ARGS=-Ddocker.build.network=host ci/reproducible-images.sh    # Maven 3.9 reads MAVEN_ARGS
#
# The layers are reproducible as built: the Dockerfiles date every file they copy to SOURCE_DATE_EPOCH,
# and the build asks buildx for no provenance attestation; Jib dates every file to the epoch plus 1 s and
# its image to the commit's time. The config also records when the image and each of its steps were
# built: BuildKit 0.11 and later (Docker 23+) set those times from the SOURCE_DATE_EPOCH build argument,
# older engines (Debian's Docker 20.10) use the clock. So the times are set to that epoch, as a newer
# BuildKit sets them, before the config's digest is taken. For the same reason the registry digests of
# two builds agree on Docker 23+ and for Jib, and are only shown for a Dockerfile built on an older engine.
set -euo pipefail
cd "$(dirname "$0")/.."

registry=
if [[ "${1:-}" == "--registry" ]]; then
    registry=${2:?"--registry takes HOST[:PORT]/PREFIX"}
    shift 2
fi

if [ "$#" -eq 0 ]; then
    mapfile -t reproducible < <(grep -l '<image.reproducible>true</image.reproducible>' images/*/pom.xml | cut -d/ -f2)
    if [ "${#reproducible[@]}" -eq 0 ]; then
        echo "usage: ci/reproducible-images.sh [VARIANT...]; no images/*/pom.xml says image.reproducible true" >&2
        exit 2
    fi
    set -- "${reproducible[@]}"
fi
for tool in jq tar sha256sum; do
    if ! command -v "$tool" > /dev/null; then
        echo "ci/reproducible-images.sh needs $tool: install it (Debian: apt-get install $tool), or run ci/tools.sh." >&2
        exit 1
    fi
done

docker=$(ci/with-jdk ./mvnw -q -N help:evaluate -Dexpression=docker.executable -DforceStdout)
repository=$(ci/with-jdk ./mvnw -q -N help:evaluate -Dexpression=image.repository -DforceStdout)
epoch=$(ci/with-jdk ./mvnw -q -N help:evaluate -Dexpression=project.build.outputTimestamp -DforceStdout)
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=ci/lib.sh
source ci/lib.sh
DOCKER="$docker" jib_reads_base_from_engine || true

# The digest of IMAGE's config with every build time set to $created, read from docker save (the
# classic store's layout, or the OCI layout Docker 25+ writes: manifest.json names the config in both).
config_digest() {
    local image=$1 dir="$work/image"
    rm -rf "$dir" && mkdir "$dir"
    "$docker" save "$image" | tar -x -C "$dir"
    # Every step's time too: Docker 20.10's BuildKit even dates a step by the first build that made
    # the same layer. The base's steps are rewritten with the rest; both builds use the same base.
    jq -cS --arg t "$created" '.created = $t | .history |= map(.created = $t)' \
        "$dir/$(jq -r '.[0].Config' "$dir/manifest.json")" | sha256sum | cut -d' ' -f1
}

failed=0
engine_major=$("$docker" version --format '{{.Server.Version}}' | cut -d. -f1)
for variant in "$@"; do
    image="$repository:$variant"
    ids=()
    layers=()
    digests=()
    for build in 1 2; do
        echo "==> $image: clean build $build of 2 (no layer cache)"
        # No layer cache: --no-cache for docker build, Jib caches of their own, empty, for Jib.
        rm -rf "$work/jib-cache"
        ci/with-jdk ./mvnw -B -q -pl "images/$variant" -am package -DskipTests -Ddocker.build.no-cache=true \
            -Djib.baseImageCache="$work/jib-cache/base" -Djib.applicationCache="$work/jib-cache/app" ${jib_args[@]+"${jib_args[@]}"} \
            > "$work/build.log" 2>&1 \
            || { cat "$work/build.log"; exit 1; }
        layers+=("$("$docker" image inspect --format '{{json .RootFS.Layers}}' "$image")")
        ids+=("$(config_digest "$image")")
        echo "    config at $created: sha256:${ids[-1]}, layers ${layers[-1]}"
        if [[ -n "$registry" ]]; then
            pushed="$registry/$repository:$variant-build$build"
            "$docker" tag "$image" "$pushed"
            "$docker" push "$pushed" > "$work/push.log" 2>&1 || { cat "$work/push.log" >&2; exit 1; }
            digests+=("$(grep -o 'digest: sha256:[0-9a-f]*' "$work/push.log" | cut -d' ' -f2)")
            "$docker" rmi "$pushed" > /dev/null
            echo "    pushed as $pushed: ${digests[-1]}"
        fi
    done
    if [[ -n "$registry" ]]; then
        if [[ "${digests[0]}" == "${digests[1]}" ]]; then
            echo "==> $image from two clean builds has one digest in the registry: $registry/$repository@${digests[0]}"
        elif [[ -f "images/$variant/Dockerfile" && "$engine_major" -lt 23 ]]; then
            echo "==> $image: two digests in the registry, as Docker $engine_major's BuildKit dates the config by the clock (Docker 23+ gives one)"
        else
            failed=1
            echo "==> $image: two clean builds have two digests in the registry: ${digests[*]}" >&2
        fi
    fi
    if [ "${ids[0]}" = "${ids[1]}" ] && [ "${layers[0]}" = "${layers[1]}" ]; then
        echo "==> $image is reproducible: config sha256:${ids[0]}, the same layers"
    else
        failed=1
        if [ "${layers[0]}" != "${layers[1]}" ]; then
            echo "==> $image is NOT reproducible: its layers differ (a file's content or time depends on the build)." >&2
            echo "    build 1: ${layers[0]}" >&2
            echo "    build 2: ${layers[1]}" >&2
        else
            echo "==> $image is NOT reproducible: same layers, but the configs differ (compare docker inspect of both)." >&2
        fi
    fi
done
exit "$failed"
