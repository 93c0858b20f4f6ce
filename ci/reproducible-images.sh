#!/usr/bin/env bash
# Proves that an image variant is reproducible: two builds of this commit with no layer cache give the
# same image ID.
#
#   ci/reproducible-images.sh multistage jlink
#   ci/reproducible-images.sh                                      # each variant whose pom says image.reproducible true
#   MAVEN_ARGS=-Poffline-bases ci/reproducible-images.sh jlink     # Maven 3.9 reads MAVEN_ARGS itself
#
# The layers are reproducible as built: the Dockerfiles date every file they copy to SOURCE_DATE_EPOCH.
# An image ID is the digest of the image's config, and that config also records when the image and
# each of its steps were built. BuildKit 0.11 and later (Docker 23+) set those times from the
# SOURCE_DATE_EPOCH build argument; older engines (Debian's Docker 20.10 among them) use the clock. So
# this script sets them the way a newer BuildKit does, to the same epoch, before it compares, and
# loads the result back under the image's tag. On a newer engine that step changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

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

# Rewrites the build times in IMAGE's config to $created and loads it back; prints the new image ID.
stamp() {
    local image=$1 dir="$work/image"
    rm -rf "$dir" && mkdir "$dir"
    "$docker" save "$image" | tar -x -C "$dir"
    # Docker 25+ also writes an OCI layout; drop it so that `docker load` reads manifest.json alone.
    rm -rf "$dir/index.json" "$dir/oci-layout"
    local config
    config=$(jq -r '.[0].Config' "$dir/manifest.json")
    # Every step's time too: Docker 20.10's BuildKit even dates a step by the first build that made
    # the same layer. The base's steps are rewritten with the rest; both builds use the same base.
    jq -c --arg t "$created" '.created = $t | .history |= map(.created = $t)' "$dir/$config" > "$dir/config.json"
    local digest
    digest=$(sha256sum "$dir/config.json" | cut -d' ' -f1)
    rm "$dir/$config"
    mv "$dir/config.json" "$dir/$digest.json"
    jq -c --arg c "$digest.json" '.[0].Config = $c' "$dir/manifest.json" > "$dir/manifest.new"
    mv "$dir/manifest.new" "$dir/manifest.json"
    tar -c -C "$dir" . | "$docker" load -q > /dev/null
    "$docker" image inspect --format '{{.Id}}' "$image"
}

failed=0
for variant in "$@"; do
    image="$repository:$variant"
    ids=()
    layers=()
    for build in 1 2; do
        echo "==> $image: clean build $build of 2 (no layer cache)"
        ci/with-jdk ./mvnw -B -q -pl "images/$variant" -am package -DskipTests -Ddocker.build.no-cache=true > "$work/build.log" 2>&1 \
            || { cat "$work/build.log"; exit 1; }
        echo "    as built:          $("$docker" image inspect --format '{{.Id}}' "$image")"
        layers+=("$("$docker" image inspect --format '{{json .RootFS.Layers}}' "$image")")
        ids+=("$(stamp "$image")")
        echo "    times at $created: ${ids[-1]}"
    done
    if [ "${ids[0]}" = "${ids[1]}" ]; then
        echo "==> $image is reproducible: ${ids[0]}"
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
