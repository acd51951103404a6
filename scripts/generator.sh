# generator DIR: the CMake generator option for a build directory. Ninja for a new one (one build
# graph for every target, so both cores stay busy across target boundaries); nothing for an existing
# one, which keeps the generator it was configured with.
generator() {
  if [ ! -f "$1/CMakeCache.txt" ] && command -v ninja >/dev/null; then
    echo "-G Ninja"
  fi
}
