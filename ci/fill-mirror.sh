#!/usr/bin/env bash
# Fills a registry with stand-ins for the official base images, under their official names, for machines
# that reach no public registry: an engine that uses that registry as its Docker Hub mirror then builds
# the Dockerfiles exactly as written. Made from Debian packages and this machine's Temurin 25 JDK:
#
#   official name (the Dockerfiles' defaults)   stand-in                                              differs
#   library/maven:3.9-eclipse-temurin-25        Debian 12 minbase, the JDK, Maven                     Debian instead of Ubuntu
#   library/maven:3.9-eclipse-temurin-25-alpine the same, and an apk that installs Debian packages       glibc, NOT musl
#   library/eclipse-temurin:25-jre              a JRE jlink'ed from the JDK, on Debian 12              Debian instead of Ubuntu
#   library/alpine:3.22                         busybox + glibc from Debian                           glibc, NOT musl
#   library/golang:1.25 (baseline/go)           Debian 12 minbase and its golang-go                   Go 1.19, not 1.25; no gcc
#   library/nginx:1.28-alpine (compose.yaml)    Debian 12 minbase and its nginx, user 101             nginx 1.22 on glibc
#
# No musl JDK can be had from Debian, so the jlink variants built on these stand-ins link and run a glibc
# runtime: their figures are close to, not equal to, the real Alpine images'. docs/without-a-registry.md
# says more.
#
#   ci/fill-mirror.sh 127.0.0.1:5000              # pushes what the registry lacks (a second run only checks)
#   ci/fill-mirror.sh 127.0.0.1:5000 --rebuild    # builds and pushes all of them again
#
# Needs root (debootstrap), a running engine (ci/docker-engine.sh), a registry at the address
# (ci/local-registry.sh), Debian's package mirror and a JDK 25 at $JDK (default
# /usr/lib/jvm/temurin-25-jdk-amd64). The engine pushes to it over plain HTTP only if it is on
# 127.0.0.0/8 or listed in the engine's insecure-registries.
set -euo pipefail

readonly JDK=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
readonly MAVEN_VERSION=3.9.16
readonly MAVEN_URL=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz
readonly DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
readonly REGISTRY=${1:?"usage: ci/fill-mirror.sh REGISTRY [--rebuild], for example ci/fill-mirror.sh 127.0.0.1:5000"}
readonly PREFIX=$REGISTRY/library
readonly MAVEN_TAG=$PREFIX/maven:3.9-eclipse-temurin-25
readonly MAVEN_ALPINE_TAG=$PREFIX/maven:3.9-eclipse-temurin-25-alpine
readonly JRE_TAG=$PREFIX/eclipse-temurin:25-jre
readonly ALPINE_TAG=$PREFIX/alpine:3.22
readonly GOLANG_TAG=$PREFIX/golang:1.25
readonly NGINX_TAG=$PREFIX/nginx:1.28-alpine
# The JDK's development tools: what a JRE leaves out.
readonly JDK_ONLY_MODULES='^(jdk\.compiler|jdk\.jlink|jdk\.jdeps|jdk\.javadoc|jdk\.jshell|jdk\.jpackage|jdk\.jartool|jdk\.jdi|jdk\.jdwp\.agent|jdk\.jconsole|jdk\.hotspot\.agent|jdk\.jstatd|jdk\.editpad|jdk\.internal\.ed|jdk\.internal\.le|jdk\.internal\.opt|jdk\.internal\.md|jdk\.graal\.compiler.*|jdk\.incubator\..*)$'
readonly STANDIN_LABEL='org.opencontainers.image.description="Stand-in built by ci/fill-mirror.sh from Debian packages, not the official image"'

DOCKER=${DOCKER:-docker}
rebuild=false
[[ "${2:-}" == "--rebuild" ]] && rebuild=true

fail() { echo "$1" >&2; exit 1; }

[[ "$REGISTRY" =~ ^[A-Za-z0-9.-]+(:[0-9]+)?$ ]] || fail "'$REGISTRY' is not a registry address: give HOST:PORT, such as 127.0.0.1:5000."
"$DOCKER" info >/dev/null 2>&1 || fail "No Docker engine answers: run ci/docker-engine.sh first."
curl -fsS --max-time 5 "http://$REGISTRY/v2/" >/dev/null 2>&1 \
  || fail "No registry answers at http://$REGISTRY/v2/: start one (ci/local-registry.sh) and re-run."
[[ -x "$JDK/bin/jlink" ]] || fail "No JDK 25 at $JDK: install Temurin 25 or point JDK=... at one."
[[ $(id -u) -eq 0 ]] || fail "Building the stand-ins needs root (debootstrap): run it as root."

# Whether the registry lacks IMAGE (REGISTRY/library/NAME:TAG), or --rebuild asks for all.
needed() {
  local path=${1#"$REGISTRY"/} name tag
  name=${path%:*} tag=${path##*:}
  if ! $rebuild && curl -fs --max-time 5 -o /dev/null \
      -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      "http://$REGISTRY/v2/$name/manifests/$tag"; then
    echo "==> $1 is in the registry"
    return 1
  fi
  echo "==> Building $1"
}

# Pushes the stand-in and drops the local tag: builds must pull it through the mirror, as a user's do.
push() {
  "$DOCKER" push -q "$1" >/dev/null || fail "Pushing $1 failed: is $REGISTRY a registry that takes pushes?"
  "$DOCKER" image rm "$1" >/dev/null
  echo "    pushed $1"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/whoami-offline.XXXXXX")
trap 'rm -rf "$work"' EXIT

# import DIR TAG [--change ...]: a directory becomes an image, with no registry and no Dockerfile.
import() {
  local dir=$1 tag=$2
  shift 2
  tar --numeric-owner -C "$dir" -c . | "$DOCKER" import --change "LABEL $STANDIN_LABEL" "$@" - "$tag" >/dev/null
}

debian_root=""
# A Debian 12 minbase root, made once per run and copied for each Debian-based stand-in.
debian() {
  if [[ -z "$debian_root" ]]; then
    command -v debootstrap >/dev/null || { apt-get update -qq; apt-get install -y -qq debootstrap >/dev/null; }
    debian_root=$work/debian
    echo "    debootstrap --variant=minbase bookworm (about 35 s)"
    debootstrap --variant=minbase bookworm "$debian_root" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 \
      || { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap failed: is $DEBIAN_MIRROR reachable?"; }
    rm -rf "$debian_root"/var/cache/apt/archives/*.deb "$debian_root"/var/lib/apt/lists/*
  fi
  rm -rf "$1"
  cp -a "$debian_root" "$1"
}

# As the official Temurin images do: the Java runtime's library folders registered with the system loader.
register_libraries() {
  find "$1/opt/java/openjdk/lib" -name '*.so' -exec dirname {} \; | sed "s|^$1||" | sort -u \
    > "$1/etc/ld.so.conf.d/docker-openjdk.conf"
  chroot "$1" /sbin/ldconfig
}

# The JDK's lib/security/cacerts is a link to the system trust store: put that file where the link points,
# so HTTPS works and the JDK stays byte-for-byte as shipped (JDK 25's jlink refuses a modified JDK).
trust_store() {
  mkdir -p "$1/etc/ssl/certs/java"
  cp -L "$JDK/lib/security/cacerts" "$1/etc/ssl/certs/java/cacerts"
}

java_env=(--change 'ENV JAVA_HOME=/opt/java/openjdk'
          --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
          --change 'ENV LANG=C.UTF-8')

if needed "$MAVEN_TAG" || needed "$MAVEN_ALPINE_TAG"; then
  root=$work/maven
  debian "$root"
  mkdir -p "$root/opt/java"
  cp -a "$JDK" "$root/opt/java/openjdk"
  trust_store "$root"
  curl -fsSL "$MAVEN_URL" -o "$work/maven.tar.gz" || fail "Cannot download Maven $MAVEN_VERSION from Maven Central."
  [[ "$(curl -fsSL "$MAVEN_URL.sha512" | cut -c1-128)" == "$(sha512sum "$work/maven.tar.gz" | cut -c1-128)" ]] \
    || fail "The Maven $MAVEN_VERSION download does not match its published SHA-512: try again."
  mkdir -p "$root/usr/share/maven"
  tar -xzf "$work/maven.tar.gz" -C "$root/usr/share/maven" --strip-components=1
  ln -sf /usr/share/maven/bin/mvn "$root/usr/bin/mvn"
  register_libraries "$root"
  maven_env=("${java_env[@]}" --change 'ENV MAVEN_HOME=/usr/share/maven' --change 'ENV MAVEN_CONFIG=/root/.m2'
             --change 'CMD ["mvn"]')
  import "$root" "$MAVEN_TAG" "${maven_env[@]}"
  echo "    $MAVEN_ALPINE_TAG is the same image and an apk: no musl JDK exists in Debian, so that build stage is glibc"
  # The Dockerfiles' "apk add --no-cache PACKAGE" (binutils) installs Debian's package of that name.
  cat > "$root/sbin/apk" <<'APK'
#!/bin/sh
# Stand-in for Alpine's apk, made by ci/fill-mirror.sh: "apk add [--no-cache] PACKAGE..." installs Debian's
# packages of those names with apt-get. Nothing else of apk is here.
set -e
[ "$1" = add ] || { echo "apk (stand-in): only 'apk add' is here, not 'apk $*'" >&2; exit 1; }
shift
[ "$1" = --no-cache ] && shift
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
rm -rf /var/lib/apt/lists/*
APK
  chmod 755 "$root/sbin/apk"
  import "$root" "$MAVEN_ALPINE_TAG" "${maven_env[@]}"
  rm -rf "$root"
  push "$MAVEN_TAG"
  push "$MAVEN_ALPINE_TAG"
fi

if needed "$JRE_TAG"; then
  root=$work/jre
  debian "$root"
  modules=$("$JDK/bin/java" --list-modules | sed 's/@.*//' | grep -Ev "$JDK_ONLY_MODULES" | paste -sd, -)
  mkdir -p "$root/opt/java"
  # Like Temurin's JRE: the platform without the development tools, with a default CDS archive.
  "$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$root/opt/java/openjdk"
  trust_store "$root"
  register_libraries "$root"
  import "$root" "$JRE_TAG" "${java_env[@]}" --change 'CMD ["/bin/bash"]'
  rm -rf "$root"
  push "$JRE_TAG"
fi

if needed "$ALPINE_TAG"; then
  echo "    busybox + glibc from Debian packages: real Alpine is musl"
  root=$work/alpine debs=$work/debs
  mkdir -p "$root"/{bin,etc,lib64,tmp,root} "$debs"
  chmod 1777 "$root/tmp"
  (cd "$debs" && apt-get download busybox-static libc6 zlib1g >/dev/null 2>&1) \
    || { apt-get update -qq; (cd "$debs" && apt-get download busybox-static libc6 zlib1g >/dev/null); }
  for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$debs/x"; done
  # /bin in Debian 12's package, /usr/bin where /usr is merged (Debian 13).
  cp "$(find "$debs/x" -path '*bin/busybox' -type f | head -n 1)" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [[ "$applet" == busybox ]] || ln -s busybox "$root/bin/$applet"
  done
  # The C library's shared objects (no locales, no gconv), and zlib, which Alpine's base also has.
  mkdir -p "$root/lib/x86_64-linux-gnu"
  find "$debs/x" -path '*/x86_64-linux-gnu/*' -name '*.so*' ! -path '*/gconv/*' \
    -exec cp -a {} "$root/lib/x86_64-linux-gnu/" \;
  ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' > "$root/etc/group"
  import "$root" "$ALPINE_TAG" --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]'
  rm -rf "$root" "$debs"
  push "$ALPINE_TAG"
fi

if needed "$GOLANG_TAG"; then
  echo "    Debian 12's golang-go is Go 1.19: enough for baseline/go, whose go.mod says go 1.19"
  root=$work/golang
  debian "$root"
  # No recommends (gcc, libc6-dev, pkg-config): builds with CGO_ENABLED=0 need only Go itself.
  chroot "$root" /bin/sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
      -o Dpkg::Use-Pty=0 --no-install-recommends golang-go && apt-get clean && rm -rf /var/lib/apt/lists/*' \
    >"$work/golang-apt.log" 2>&1 \
    || { tail -n 20 "$work/golang-apt.log" >&2; fail "Installing golang-go failed: is $DEBIAN_MIRROR reachable?"; }
  # As the official image lays it out: Go under /usr/local/go, a world-writable GOPATH at /go.
  ln -s /usr/lib/go "$root/usr/local/go"
  mkdir -p "$root/go/src" "$root/go/bin"
  chmod -R 1777 "$root/go"
  # No C compiler, so no cgo: Go 1.19 would still try it, where Go 1.20 and later turn it off by themselves.
  import "$root" "$GOLANG_TAG" --change 'ENV CGO_ENABLED=0' --change 'ENV GOTOOLCHAIN=local' --change 'ENV GOPATH=/go' \
    --change 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'WORKDIR /go' --change 'CMD ["/bin/bash"]'
  rm -rf "$root"
  push "$GOLANG_TAG"
fi

if needed "$NGINX_TAG"; then
  echo "    Debian 12's nginx is 1.22: compose.yaml's configuration needs nothing newer"
  root=$work/nginx
  debian "$root"
  # The package's install script would start nginx: in a chroot, on this machine's network.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  chroot "$root" /bin/sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
      -o Dpkg::Use-Pty=0 --no-install-recommends nginx && apt-get clean && rm -rf /var/lib/apt/lists/*' \
    >"$work/nginx-apt.log" 2>&1 \
    || { tail -n 20 "$work/nginx-apt.log" >&2; fail "Installing nginx failed: is $DEBIAN_MIRROR reachable?"; }
  rm "$root/usr/sbin/policy-rc.d"
  # As the official image has them: its unprivileged user nginx (101), and the logs on the container's.
  echo 'nginx:x:101:101:nginx:/nonexistent:/usr/sbin/nologin' >> "$root/etc/passwd"
  echo 'nginx:x:101:' >> "$root/etc/group"
  ln -sf /dev/stdout "$root/var/log/nginx/access.log"
  ln -sf /dev/stderr "$root/var/log/nginx/error.log"
  import "$root" "$NGINX_TAG" --change 'CMD ["nginx", "-g", "daemon off;"]'
  rm -rf "$root"
  push "$NGINX_TAG"
fi

echo "==> $REGISTRY holds: $(curl -fsS "http://$REGISTRY/v2/_catalog" | tr -d '\n')"
