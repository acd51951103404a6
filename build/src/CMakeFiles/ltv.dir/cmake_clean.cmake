file(REMOVE_RECURSE
  "CMakeFiles/ltv.dir/ltv/core/dyadic.cpp.o"
  "CMakeFiles/ltv.dir/ltv/core/dyadic.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/model/arbitrary.cpp.o"
  "CMakeFiles/ltv.dir/ltv/model/arbitrary.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/report/markdown.cpp.o"
  "CMakeFiles/ltv.dir/ltv/report/markdown.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/scalar/convert.cpp.o"
  "CMakeFiles/ltv.dir/ltv/scalar/convert.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/scalar/precision.cpp.o"
  "CMakeFiles/ltv.dir/ltv/scalar/precision.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/verify/decide.cpp.o"
  "CMakeFiles/ltv.dir/ltv/verify/decide.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/verify/property.cpp.o"
  "CMakeFiles/ltv.dir/ltv/verify/property.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/verify/results_json.cpp.o"
  "CMakeFiles/ltv.dir/ltv/verify/results_json.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/verify/runner.cpp.o"
  "CMakeFiles/ltv.dir/ltv/verify/runner.cpp.o.d"
  "CMakeFiles/ltv.dir/ltv/verify/verdict.cpp.o"
  "CMakeFiles/ltv.dir/ltv/verify/verdict.cpp.o.d"
  "libltv.a"
  "libltv.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ltv.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
