file(REMOVE_RECURSE
  "CMakeFiles/ltv_cli_commands.dir/check.cpp.o"
  "CMakeFiles/ltv_cli_commands.dir/check.cpp.o.d"
  "CMakeFiles/ltv_cli_commands.dir/report.cpp.o"
  "CMakeFiles/ltv_cli_commands.dir/report.cpp.o.d"
  "libltv_cli_commands.a"
  "libltv_cli_commands.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ltv_cli_commands.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
