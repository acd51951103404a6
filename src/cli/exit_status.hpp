#pragma once
// The exit statuses of every ltv command, as the table in README.md ("Exit status") lists them.
namespace ltv::cli {

inline constexpr int kExitOk = 0;
/// `ltv check --strict`: a FAILS or INCONCLUSIVE verdict or an unrejected negative control;
/// `ltv report`: a figure not drawn or formulas not typeset.
inline constexpr int kExitShort = 1;
/// Bad input: a bad flag or value, an unreadable or malformed input file, an output place that
/// cannot be written. Checked before the work starts; nothing is written.
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternalError = 3;
/// `ltv train`: the run diverged (docs/training.md); the model file holds its last good state.
inline constexpr int kExitDiverged = 4;
/// A write failed during the work (a full disk, an I/O error): the file is left as it was before that
/// write, so `ltv train` keeps its last checkpoint and `ltv check` the results it had written.
inline constexpr int kExitWriteFailed = 5;
/// `ltv train` stopped by SIGINT or SIGTERM after writing its checkpoint (128 + SIGINT, as a shell
/// reports a process killed by SIGINT).
inline constexpr int kExitInterrupted = 130;

}  // namespace ltv::cli
