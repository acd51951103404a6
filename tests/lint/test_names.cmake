# Lint: no Catch2 TEST_CASE name holds a ';'.
#
# catch_discover_tests registers each test case with CTest by name and CMake splits lists at ';',
# so such a test was registered as two halves that each matched no test case: CTest reported them
# "Passed" while nothing ran (five tests of this repository were silent that way).
#
# Usage: cmake -DLTV_SOURCE_DIR=<repository root> -P test_names.cmake
if(NOT LTV_SOURCE_DIR)
  message(FATAL_ERROR "pass -DLTV_SOURCE_DIR=<repository root>")
endif()

file(GLOB_RECURSE files LIST_DIRECTORIES false "${LTV_SOURCE_DIR}/tests/*.cpp")
list(LENGTH files scanned)
if(scanned EQUAL 0)
  message(FATAL_ERROR "no test sources under ${LTV_SOURCE_DIR}/tests: wrong root?")
endif()
set(offences "")
foreach(f IN LISTS files)
  # file(STRINGS) would itself split a line at ';', so read whole files and look for the pattern.
  file(READ "${f}" text)
  string(REGEX MATCHALL "TEST_CASE\\(\"[^\"\n]*;[^\"\n]*\"" hits "${text}")
  if(hits)
    file(RELATIVE_PATH rel "${LTV_SOURCE_DIR}" "${f}")
    string(APPEND offences "\n  ${rel}")
  endif()
endforeach()
if(offences)
  message(FATAL_ERROR "TEST_CASE names with ';' (CTest would run nothing for them) in:${offences}")
endif()
message(STATUS "no ';' in the TEST_CASE names of ${scanned} files")
