# Sourced by ./kessai and .ci/run: sets KESSAI_JAVA_HOME to a JDK >= 21, or prints one line and exits 1.
# Order: $JAVA_HOME, then the newest JDK under /usr/lib/jvm, then the java on PATH.

kessai_required_java=21

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
kessai_java_feature() {
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

kessai_find_jdk() {
  local candidate best="" best_v=0 v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(kessai_java_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$kessai_required_java" ]; then
      KESSAI_JAVA_HOME=$JAVA_HOME
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    v=$(kessai_java_feature "$candidate")
    if [ -n "$v" ] && [ "$v" -ge "$kessai_required_java" ] && [ "$v" -gt "$best_v" ]; then
      best=$candidate best_v=$v
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(kessai_java_feature "$candidate")
    if [ -n "$v" ] && [ "$v" -ge "$kessai_required_java" ]; then best=$candidate; fi
  fi
  if [ -z "$best" ]; then
    echo "kessai: needs a JDK $kessai_required_java or newer (none in JAVA_HOME, /usr/lib/jvm or PATH): install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME" >&2
    exit 1
  fi
  KESSAI_JAVA_HOME=$best
}
