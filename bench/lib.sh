# Shared by the bench scripts; source it after bin/lib/java.sh's find_jdk.

# build_bench_jar JDK OUT_DIR: bench/target/mailwijs-bench.jar, rebuilt when a source is newer (or REBUILD=1).
build_bench_jar() {
  local jdk="$1" out="$2" bench_dir root
  bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  root="$(dirname "$bench_dir")"
  bench_jar="$bench_dir/target/mailwijs-bench.jar"
  if [ ! -f "$bench_jar" ] || [ "${REBUILD:-0}" = "1" ] || [ -n "$(find "$root/pom.xml" "$root/app/pom.xml" "$root/bench/pom.xml" \
      "$root/engine/src/main" "$root/app/src/main" "$root/bench/src/main" -newer "$bench_jar" -print -quit 2>/dev/null)" ]; then
    echo "bench: building the bench jar (mvn package -pl bench -am, tests skipped)..." >&2
    (cd "$root" && { JAVA_HOME="$jdk" mvn -B -q -o -Dmaven.test.skip=true -pl bench -am package \
        || JAVA_HOME="$jdk" mvn -B -q -Dmaven.test.skip=true -pl bench -am package; }) >"$out/build.log" 2>&1 \
      || { echo "bench: build failed; see $out/build.log" >&2; tail -n 20 "$out/build.log" >&2; return 1; }
  fi
}
