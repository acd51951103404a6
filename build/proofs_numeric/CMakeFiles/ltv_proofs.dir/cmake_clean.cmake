file(REMOVE_RECURSE
  "CMakeFiles/ltv_proofs.dir/catalogue.cpp.o"
  "CMakeFiles/ltv_proofs.dir/catalogue.cpp.o.d"
  "CMakeFiles/ltv_proofs.dir/v24_statistics_forward.cpp.o"
  "CMakeFiles/ltv_proofs.dir/v24_statistics_forward.cpp.o.d"
  "CMakeFiles/ltv_proofs.dir/v24_t4_1_implicit_model.cpp.o"
  "CMakeFiles/ltv_proofs.dir/v24_t4_1_implicit_model.cpp.o.d"
  "libltv_proofs.a"
  "libltv_proofs.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ltv_proofs.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
