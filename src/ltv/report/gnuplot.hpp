#pragma once
// Runs a figure's gnuplot program (Debian's gnuplot) and returns the SVG it draws.
#include <string>

namespace ltv {

/// The SVG of `script` drawn with gnuplot's svg terminal (no mouse script, so no JavaScript).
/// Throws std::runtime_error with gnuplot's message when gnuplot is missing or the script fails.
std::string gnuplot_svg(const std::string& script);

/// gnuplot's version line ("gnuplot 5.4 patchlevel 4"), or empty when it is not installed.
std::string gnuplot_version();

}  // namespace ltv
