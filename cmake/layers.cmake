# The layers of src/ltv: the one table of which layer may use which (docs/architecture.md).
#
# Each folder src/ltv/<layer>/ is one static library, ltv_<layer> (src/CMakeLists.txt). A layer is
# declared after every layer it uses, so the graph is acyclic by construction:
#
#   ltv_layer(<layer> [USES <layer>...] [PUBLIC <target>...] [PRIVATE <target>...])
#
# USES: exactly the layers whose headers its files include ("ltv/<layer>/..."); they are its
# target_link_libraries (PUBLIC). PUBLIC, PRIVATE: the third-party targets it links. The test
# lint_layers (tests/lint/layers.cmake) reads every #include "ltv/..." of src/ltv and fails on an
# include of a layer not in USES, on a USES that no file needs, on a folder that is not a layer,
# and on docs/architecture.md's diagram when it differs from the one this table gives
# (`cmake -DLTV_SOURCE_DIR=. -DPRINT_DIAGRAM=ON -P tests/lint/layers.cmake` prints it).
macro(ltv_layer name)
  cmake_parse_arguments(LTV_LAYER_ARG "" "" "USES;PUBLIC;PRIVATE" ${ARGN})
  foreach(ltv_layer_used IN LISTS LTV_LAYER_ARG_USES)
    if(NOT ltv_layer_used IN_LIST LTV_LAYERS)
      message(FATAL_ERROR "cmake/layers.cmake: ${name} uses ${ltv_layer_used}, which is not declared before it")
    endif()
  endforeach()
  list(APPEND LTV_LAYERS ${name})
  set(LTV_LAYER_${name}_USES ${LTV_LAYER_ARG_USES})
  set(LTV_LAYER_${name}_PUBLIC ${LTV_LAYER_ARG_PUBLIC})
  set(LTV_LAYER_${name}_PRIVATE ${LTV_LAYER_ARG_PRIVATE})
endmacro()

set(LTV_LAYERS "")
# The scalar tiers (double, MPFR, GMP rationals, MPFI intervals) and Eigen on them.
ltv_layer(scalar PUBLIC Eigen3::Eigen Boost::headers MPFI::MPFI PkgConfig::MPFR PkgConfig::GMP)
# Inputs: task distributions, random streams, dyadic numbers, prescribed spectra.
ltv_layer(core USES scalar)
# Atomic file writes.
ltv_layer(io)
# How evidence is weighed: the verdict vocabulary, estimates with confidence intervals (bootstrap,
# Clopper-Pearson, Student t, Hill's tail index), the decision rules of empirical claims.
ltv_layer(stats USES core PUBLIC nlohmann_json::nlohmann_json)
# Forward passes of the model families.
ltv_layer(model USES scalar)
# Exact population expectations: the one-layer loss, the Wick and Wishart engines.
ltv_layer(expect USES scalar core model)
# What the papers say: implicit models, GD++ constructions, stationary points.
ltv_layer(theory USES scalar core model expect)
# Obligations, RapidCheck properties and generators, verdicts, results.json.
ltv_layer(verify USES scalar core model stats PUBLIC rapidcheck nlohmann_json::nlohmann_json)
# Ridge-regression baselines.
ltv_layer(baselines USES core)
# Training: parameters, reverse pass, optimizer, trainer, model files, evaluation.
ltv_layer(train USES core model io baselines PUBLIC nlohmann_json::nlohmann_json)
# A trained model against the exact theory (ltv compare).
ltv_layer(crosscheck USES scalar core model expect theory train PUBLIC nlohmann_json::nlohmann_json)
# The papers' experiments: A24's optimizer phenomena, A23's Theorems 3-4 trained, V24 Table 1 and mechanisms.
ltv_layer(experiments USES scalar core model expect theory baselines train crosscheck stats PUBLIC nlohmann_json::nlohmann_json)
# Models trained elsewhere: .npy/.npz (libzip) and safetensors weights under a named layout (ltv import).
ltv_layer(interop USES io train PUBLIC nlohmann_json::nlohmann_json PRIVATE PkgConfig::LIBZIP)
# What the CLI and the Python module both return: the theory's numbers as JSON.
ltv_layer(api USES scalar expect theory PUBLIC nlohmann_json::nlohmann_json)
# The report, from results.json alone.
ltv_layer(report USES scalar io PUBLIC nlohmann_json::nlohmann_json PRIVATE CmarkGfm::extensions OpenSSL::Crypto)
# The processes of a run (MPI when built with it; src/CMakeLists.txt adds it).
ltv_layer(parallel)
