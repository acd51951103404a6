
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/proofs_numeric/catalogue.cpp" "proofs_numeric/CMakeFiles/ltv_proofs.dir/catalogue.cpp.o" "gcc" "proofs_numeric/CMakeFiles/ltv_proofs.dir/catalogue.cpp.o.d"
  "/work/main/proofs_numeric/v24_statistics_forward.cpp" "proofs_numeric/CMakeFiles/ltv_proofs.dir/v24_statistics_forward.cpp.o" "gcc" "proofs_numeric/CMakeFiles/ltv_proofs.dir/v24_statistics_forward.cpp.o.d"
  "/work/main/proofs_numeric/v24_t4_1_implicit_model.cpp" "proofs_numeric/CMakeFiles/ltv_proofs.dir/v24_t4_1_implicit_model.cpp.o" "gcc" "proofs_numeric/CMakeFiles/ltv_proofs.dir/v24_t4_1_implicit_model.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/src/CMakeFiles/ltv.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
