
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/cli/check.cpp" "src/cli/CMakeFiles/ltv_cli_commands.dir/check.cpp.o" "gcc" "src/cli/CMakeFiles/ltv_cli_commands.dir/check.cpp.o.d"
  "/work/main/src/cli/report.cpp" "src/cli/CMakeFiles/ltv_cli_commands.dir/report.cpp.o" "gcc" "src/cli/CMakeFiles/ltv_cli_commands.dir/report.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/src/CMakeFiles/ltv.dir/DependInfo.cmake"
  "/work/main/build/proofs_numeric/CMakeFiles/ltv_proofs.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
