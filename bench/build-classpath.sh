#!/usr/bin/env bash
# Sourced by bench/arenstorf.sh, spiral.sh, scale.sh, stiff.sh, ab.sh and irregular.sh, not run on its own:
# builds the library and the bench module in one reactor build (offline if the dependencies are
# already there), changes to the project root and sets `classpath` to bench's runtime class path.
# NB_TARGET selects the build folder (default target-bench).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${NB_TARGET:-target-bench}"
offline=""
if [ -d "${HOME}/.m2/repository/org/apache/commons/commons-math3" ]; then offline="-o"; fi
classpath_file="$root/bench/$target/classpath.txt"
# the library's own class path is written first and then overwritten by bench's, which includes it
mvn -B -q $offline -Dnb.target="$target" -pl bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >&2
classpath="bench/$target/classes:$(cat "$classpath_file")"
