# generator DIR: the CMake generator option for a build directory. Ninja for a new one (it keeps both
# cores busy across target boundaries, where Make's recursive jobs idle); nothing for an existing one,
# which keeps the generator it was configured with.
generator() {
  if [ ! -f "$1/CMakeCache.txt" ] && command -v ninja >/dev/null; then
    echo "-G Ninja"
  fi
}
