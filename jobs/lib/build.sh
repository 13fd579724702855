# Sourced by the commands in jobs/: the application jar and Spark's classpath, built from Maven
# when missing or older than the sources. Defines root, jar, classpath, stale and build.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/target/safeguard-stats.jar"
classpath="$root/target/spark-classpath.txt"

# True when the file is missing or a source (pom, src, data-schemas) is newer.
stale() { [ ! -f "$1" ] || [ -n "$(cd "$root" && find pom.xml src data-schemas -newer "$1" -type f -print -quit)" ]; }

build() {
  if stale "$jar"; then
    echo "Building the application jar (mvn package, tests skipped)..." >&2
    (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package) >&2
  fi
  if stale "$classpath"; then
    (cd "$root" && mvn -B -q -Dstyle.color=never dependency:build-classpath -DincludeScope=provided \
      -Dmdep.outputFile="$classpath") >&2
  fi
}
