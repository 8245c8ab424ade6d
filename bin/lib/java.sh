# Sourced by bin/mailwijs, bin/test and bench/*.sh: finds a JDK >= 21 and builds the jar when stale.
# JAVA_HOME wins when it is new enough; otherwise the newest JDK under /usr/lib/jvm; otherwise `java` on PATH.

mailwijs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

java_major_of() { # $1 = a JDK folder; prints its feature version or nothing
  local release="$1/release" version
  [ -x "$1/bin/java" ] || return 0
  if [ -r "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release")
  else
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$version" = "1" ] && version=8
  printf '%s' "$version"
}

find_jdk() { # sets MAILWIJS_JDK to a JDK folder with Java >= 21, or fails with a message
  local best="" best_version=0 candidate version
  if [ -n "${JAVA_HOME:-}" ]; then
    version=$(java_major_of "$JAVA_HOME")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then MAILWIJS_JDK="$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate="${candidate%/}"
    [ -L "$candidate" ] && continue
    version=$(java_major_of "$candidate")
    if [ -n "$version" ] && [ "$version" -gt "$best_version" ]; then best="$candidate"; best_version="$version"; fi
  done
  if [ "$best_version" -lt 21 ] && command -v java >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    version=$(java_major_of "$candidate")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then best="$candidate"; best_version="$version"; fi
  fi
  if [ "$best_version" -lt 21 ]; then
    echo "mailwijs: needs Java 21 or newer; set JAVA_HOME to such a JDK (found none under /usr/lib/jvm or on PATH)" >&2
    return 1
  fi
  MAILWIJS_JDK="$best"
}

mailwijs_jar="$mailwijs_root/app/target/mailwijs.jar"

jar_is_stale() { # true when the jar is missing or older than any source or build file
  [ -f "$mailwijs_jar" ] || return 0
  [ -n "$(find "$mailwijs_root/pom.xml" "$mailwijs_root/engine/pom.xml" "$mailwijs_root/app/pom.xml" \
      "$mailwijs_root/engine/src/main" "$mailwijs_root/app/src/main" -newer "$mailwijs_jar" -print -quit 2>/dev/null)" ]
}

build_if_stale() {
  jar_is_stale || return 0
  command -v mvn >/dev/null 2>&1 || { echo "mailwijs: needs Maven (mvn) to build; install it, e.g. apt-get install maven" >&2; return 1; }
  # One build at a time, even when several commands start together on a fresh checkout.
  mkdir -p "$mailwijs_root/app/target"
  exec 9>"$mailwijs_root/app/target/.build.lock"
  flock 9
  if jar_is_stale; then
    echo "mailwijs: building (first run or sources changed; about a minute)..." >&2
    if ! (cd "$mailwijs_root" && JAVA_HOME="$MAILWIJS_JDK" mvn -B -q -Dmaven.test.skip=true -pl engine,app -am package >"$mailwijs_root/app/target/build.log" 2>&1); then
      echo "mailwijs: the build failed; see app/target/build.log" >&2
      tail -n 20 "$mailwijs_root/app/target/build.log" >&2
      return 1
    fi
    # The class-data archive describes the old jar; the JVM would keep refusing it rather than write a new one.
    rm -f "$mailwijs_root/app/target/mailwijs.jsa"
  fi
  flock -u 9
}
