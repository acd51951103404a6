#pragma once
// The reproduction of V24's Table 1 (docs/table1.md): the adjusted evaluation
// loss — a model's loss minus the oracle ridge's — on d = 10, n = 20, w ~ N(0, I), x ~ N(0, I),
// one head, per noise column.
//
// How each kind of cell is obtained:
//   * one layer (GD++, DIAG, FULL): exactly, without training. For any one-layer (P, Q) the part of
//     ŷ that is odd in the labels is ŷ_odd = −c Σ_i y_i x_iᵀ Γ x_q for some d×d Γ, and the even part
//     only adds E ŷ_even² to the loss; the odd part's loss is linear in σ², so under any noise
//     mixture the optimum is A23 Theorem 1's optimum at σ² = E σ² (ltv's noise extension, shift
//     tr Σ + E σ²). With Σ = I its Γ is a multiple of I, which lies in all three families, so the
//     three rows share one value. The loss there is computed in exact rationals as a polynomial in
//     σ² (its σ⁴ coefficient is reported: it must be 0); the oracle ridge's loss is a Monte Carlo
//     mean, over contexts, of its exact conditional risk σ² tr((XᵀX + σ²I)⁻¹).
//   * baselines (ConstRR, AdaRR, TunedRR): Monte Carlo over the evaluation sequences, paired with
//     the oracle ridge on the same sequences (train/evaluation.hpp), tuned on a disjoint set.
//   * L >= 2: trained (Adam, the budget of the preset), best of the seeds by the trainer's own
//     evaluation set, then evaluated like the baselines.
// Every cell is computed on the scale E(ŷ − <w, x_q>)²; table1_document converts to the paper's
// scale, which it establishes from the exact σ_max = 0 one-layer cell (always computed).
//
// Work is split into jobs with seeds derived from their keys, so a job's result does not depend on
// which process or thread runs it, nor on how many there are.
#include "ltv/experiments/v24_setting.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ltv {

/// What to compute.
struct Table1Plan {
  std::string preset;                        ///< "quick", "paper" or "custom"
  std::vector<std::string> model_columns;    ///< columns of the model rows (labels of table1_paper.hpp)
  std::vector<std::string> baseline_columns;  ///< columns of the baseline rows
  std::vector<int> layers;                   ///< depths of the model rows (1: exact theory)
  std::vector<std::string> families;         ///< "GD++", "DIAG", "FULL"
  V24Budget budget;
  int eval_sequences = 100000;  ///< per evaluation (the paper's 100 000)
  int tuning_sequences = 20000;  ///< for tuning the baselines, disjoint from evaluation
  std::uint64_t seed = 1;

  /// Throws std::invalid_argument naming the bad field (unknown column or family, sizes).
  void validate() const;
};

/// The presets: "quick" (σ_max = 5 and {1,3} for L = 1..4 of the three families, every baseline
/// column; ≤ 45 minutes on 2 cores) and "paper" (the whole table at the paper's budget: Adam lr
/// 1e-4 constant, 200 000 steps, batch 2048, best of 5 seeds). Throws std::invalid_argument.
Table1Plan table1_preset(const std::string& name);

nlohmann::json to_json(const Table1Plan& plan);

/// One unit of work.
struct Table1Job {
  enum class Kind { OneLayer, Baselines, Trained };
  Kind kind = Kind::OneLayer;
  std::string family;  ///< Trained only
  int layers = 1;      ///< Trained only
  std::string column;
  /// A stable name, e.g. "trained/DIAG/L3/5"; seeds derive from it.
  std::string key() const;
};

/// Every job of the plan, the most expensive first (so that a round-robin split balances). The
/// exact one-layer job of column "0" is always included: it fixes the loss scale.
std::vector<Table1Job> table1_jobs(const Table1Plan& plan);

/// Runs one job single-threaded and returns {"key", "cells": [...], "seconds"}; each cell has
/// model, layers (0 for a baseline), column, ours (scale E(ŷ − y_q)²), standard_error, method and
/// details (training history and per-noise profile where they exist). `log` gets progress lines.
nlohmann::json run_table1_job(const Table1Plan& plan, const Table1Job& job,
                              const std::function<void(const std::string&)>& log = {});

/// Merges the jobs' results (any order) into the table: the loss scale, and per cell ours, its
/// standard error and the paper's value on that scale, their ratio, and z = (ours − paper) over
/// the standard error of that difference (the paper's Monte Carlo error taken equal to ours, plus
/// its rounding to three decimals). Deterministic: the cells
/// come sorted by row and column, whatever the order of `job_results`. report/table1.hpp renders it.
nlohmann::json table1_document(const Table1Plan& plan, const std::vector<nlohmann::json>& job_results);

}  // namespace ltv
