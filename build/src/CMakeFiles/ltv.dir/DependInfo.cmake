
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/ltv/core/dyadic.cpp" "src/CMakeFiles/ltv.dir/ltv/core/dyadic.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/core/dyadic.cpp.o.d"
  "/work/main/src/ltv/model/arbitrary.cpp" "src/CMakeFiles/ltv.dir/ltv/model/arbitrary.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/model/arbitrary.cpp.o.d"
  "/work/main/src/ltv/report/markdown.cpp" "src/CMakeFiles/ltv.dir/ltv/report/markdown.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/report/markdown.cpp.o.d"
  "/work/main/src/ltv/scalar/convert.cpp" "src/CMakeFiles/ltv.dir/ltv/scalar/convert.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/scalar/convert.cpp.o.d"
  "/work/main/src/ltv/scalar/precision.cpp" "src/CMakeFiles/ltv.dir/ltv/scalar/precision.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/scalar/precision.cpp.o.d"
  "/work/main/src/ltv/verify/decide.cpp" "src/CMakeFiles/ltv.dir/ltv/verify/decide.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/verify/decide.cpp.o.d"
  "/work/main/src/ltv/verify/property.cpp" "src/CMakeFiles/ltv.dir/ltv/verify/property.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/verify/property.cpp.o.d"
  "/work/main/src/ltv/verify/results_json.cpp" "src/CMakeFiles/ltv.dir/ltv/verify/results_json.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/verify/results_json.cpp.o.d"
  "/work/main/src/ltv/verify/runner.cpp" "src/CMakeFiles/ltv.dir/ltv/verify/runner.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/verify/runner.cpp.o.d"
  "/work/main/src/ltv/verify/verdict.cpp" "src/CMakeFiles/ltv.dir/ltv/verify/verdict.cpp.o" "gcc" "src/CMakeFiles/ltv.dir/ltv/verify/verdict.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
