file(REMOVE_RECURSE
  "../../bin/ltv"
  "../../bin/ltv.pdb"
  "CMakeFiles/ltv_exe.dir/main.cpp.o"
  "CMakeFiles/ltv_exe.dir/main.cpp.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ltv_exe.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
