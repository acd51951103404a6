# Lint: no std:: random distribution anywhere in src/, proofs_numeric/ or tests/.
#
# The output of std::normal_distribution and its siblings is implementation-defined (the standard
# specifies the engines' streams, not the distributions' algorithms), so the same seed would give
# other numbers under another standard library. ltv draws through Boost.Random's distributions,
# whose algorithms are Boost's own (tests/core/random_golden_test.cpp pins their output).
#
# Usage: cmake -DLTV_SOURCE_DIR=<repository root> -P no_std_distributions.cmake
# Fails (non-zero exit) listing every offending line; this file itself is the only exception.
if(NOT LTV_SOURCE_DIR)
  message(FATAL_ERROR "pass -DLTV_SOURCE_DIR=<repository root>")
endif()

set(pattern "std::[a-z_]*_distribution")
get_filename_component(self "${CMAKE_CURRENT_LIST_FILE}" REALPATH)
set(offences "")
set(scanned 0)
foreach(dir src proofs_numeric tests)
  file(GLOB_RECURSE files LIST_DIRECTORIES false "${LTV_SOURCE_DIR}/${dir}/*")
  foreach(f IN LISTS files)
    get_filename_component(real "${f}" REALPATH)
    if(real STREQUAL self)
      continue()
    endif()
    math(EXPR scanned "${scanned} + 1")
    file(STRINGS "${f}" lines REGEX "${pattern}")
    foreach(line IN LISTS lines)
      file(RELATIVE_PATH rel "${LTV_SOURCE_DIR}" "${f}")
      string(STRIP "${line}" line)
      string(APPEND offences "\n  ${rel}: ${line}")
    endforeach()
  endforeach()
endforeach()

if(scanned EQUAL 0)
  message(FATAL_ERROR "no files found under ${LTV_SOURCE_DIR}/{src,proofs_numeric,tests}: wrong root?")
endif()
if(offences)
  message(FATAL_ERROR "std:: distributions (implementation-defined output; use boost::random's):${offences}")
endif()
message(STATUS "no std:: distribution in ${scanned} files of src/, proofs_numeric/, tests/")
