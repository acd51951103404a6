// TRAIN.GRAD — the training gradients, derived by hand, are the gradients (docs/training.md).
//
// Statement: for every family (FULL, DIAG, GDPP, SPARSE, RELAXED), both attention scales, any L and
// H, the reverse pass of train/backprop.hpp followed by the family's pull-back (train/
// architecture.hpp) returns ∂loss/∂θ of the in-context loss (1/B) Σ_b (ŷ_b − <w_b, x_q,b>)².
// Evidence: on random architectures (d <= 3, L <= 3, H <= 2), parameters and batches (B = 3 noisy
// sequences, n = 4), each entry of the double gradient g is compared with the central difference
// r_i = (loss(θ + h e_i) − loss(θ − h e_i)) / 2h of the loss computed in Mpfr at kBits bits by the
// generic statistics-space forward (model/statistics_forward.hpp, itself checked against the token
// forward by V24.STATS), h = 2^-80.
//
// The rule is per entry: |g_i − r_i| <= 10^-kRequiredDigits · |r_i| + F_i, i.e. ten digits of
// relative agreement for every entry down to an absolute floor F_i below which the comparison
// cannot resolve (so a wrong small entry cannot hide behind the largest one). The floor is the
// sum of what each side can be off by:
//  - the reference: truncation h² |f‴| / 6, estimated per entry by Richardson from the difference
//    at 2h, |r_i(h) − r_i(2h)| / 3, plus its rounding, 2^-(kBits − 10) |loss| / h (2^10 roundings
//    in one loss evaluation); both are below 1e-45 of the scale;
//  - the double pass: its rounding at the gradient's scale s = max_i |r_i|, size·ε·s, with size =
//    2 (forward and reverse) · B (the batch sum) · L · H · 2(d+1) (a P·G·Q-type product per head
//    and layer: docs/conventions.md's size factor). This assumes the terms that make up an entry
//    are no larger than s; an entry that is small because larger terms cancel would need more,
//    and would show as a rejected entry with its size recorded.
// For every architecture here the floor is below 1e-13 s, so an error of 1e-12 s in a small
// entry is rejected; the previous rule (error <= 10^-10 s for every entry) could not see it. The
// double loss is compared with the Mpfr loss to the same 10 digits.
// Negative controls, through the same rule: (1) the reverse pass that treats each layer's Gram
// matrix G^l as a constant (ReversePass::FrozenGram), the classic slip; (2) the hand-derived
// gradient with one small entry corrupted: the entry of smallest |r_i| (a structural zero where the
// family has one) moved by kCorruption · s = 1e-12 s. Both must be rejected; for (2) `values`
// also records that the previous rule would have accepted it.
#include "catalogue.hpp"

#include "ltv/model/statistics_forward.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/measure.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/train/backprop.hpp"
#include "ltv/verify/decide.hpp"
#include "ltv/verify/measured.hpp"

#include <algorithm>
#include <limits>
#include <sstream>
#include <vector>

namespace ltv::proofs {
namespace train_grad_hand_derived_impl {
namespace {

constexpr unsigned kBits = 256;
constexpr int kStepExponent = -80;
/// Per-entry relative agreement required above the floor (double carries 15.9 digits; the
/// reverse pass's rounding grows with depth and conditioning; 10 leaves orders of magnitude of
/// margin and still rejects any error in a term of the derivation).
constexpr double kRequiredDigits = 10;
constexpr int kLossRoundingBits = 10;  ///< 2^10 roundings bound one Mpfr loss evaluation's error
constexpr double kCorruption = 1e-12;  ///< negative control (2): the error put into one small entry
constexpr int kCasesPerFamily = 6;
constexpr int kBatch = 3;
constexpr int kContext = 4;

struct GradCase {
  Architecture arch;
  Eigen::VectorXd theta;
  StatisticsBatch batch;
  std::string describe() const {
    std::ostringstream os;
    os << family_label(arch.family) << " d=" << arch.d << " L=" << arch.layers << " H=" << arch.heads
       << " norm=" << (arch.norm == Norm::Sum ? "sum" : "mean");
    return os.str();
  }
};

GradCase make_case(Family family, int index, std::uint64_t seed) {
  Rng rng(seed);
  GradCase c;
  c.arch.family = family;
  c.arch.d = 1 + static_cast<int>(rng() % 3);
  c.arch.layers = 1 + static_cast<int>(rng() % 3);
  c.arch.heads = 1 + static_cast<int>(rng() % 2);
  c.arch.norm = index % 2 == 0 ? Norm::Sum : Norm::Mean;
  // Sum-normalised layers grow with n: smaller parameters keep the products O(1).
  c.theta = initial_parameters(c.arch, c.arch.norm == Norm::Sum ? 0.15 : 0.5, derive_seed(seed, 1));
  TaskDistribution task;
  task.d = c.arch.d;
  task.n = kContext;
  task.noise = {NoiseMode::Fixed, 0.5, {}};
  c.batch = sample_statistics_batch(Sampler(task), kBatch, derive_seed(seed, 2));
  return c;
}

/// A batch's Gram matrices and queries in Mpfr, converted once per case (exactly).
struct MpfrBatch {
  std::vector<Mat<Mpfr>> grams;
  std::vector<Vec<Mpfr>> queries;
  std::vector<Mpfr> targets;
  int n = 0;
};

MpfrBatch to_mpfr(const StatisticsBatch& batch) {
  const int D = batch.d + 1;
  MpfrBatch out;
  out.n = batch.n;
  for (int b = 0; b < batch.size; ++b) {
    out.grams.push_back(
        convert_matrix<Mpfr>(Mat<double>(Eigen::Map<const Eigen::MatrixXd>(batch.gram(b), D, D))));
    out.queries.push_back(
        convert_vector<Mpfr>(Vec<double>(Eigen::Map<const Eigen::VectorXd>(batch.query(b), batch.d))));
    out.targets.push_back(Mpfr(batch.targets[b]));
  }
  return out;
}

/// The in-context loss of a model in Mpfr, by the generic statistics forward.
Mpfr reference_loss(const Model<Mpfr>& model, const MpfrBatch& batch) {
  Mpfr sum = 0;
  for (std::size_t b = 0; b < batch.grams.size(); ++b) {
    const Mpfr e =
        statistics_prediction(statistics_forward(model, batch.grams[b], batch.n), batch.queries[b]) -
        batch.targets[b];
    sum += e * e;
  }
  return sum / static_cast<long>(batch.grams.size());
}

/// model + t · direction, head by head.
Model<Mpfr> shifted(const Model<Mpfr>& model, const Model<Mpfr>& direction, const Mpfr& t) {
  Model<Mpfr> out = model;
  for (std::size_t l = 0; l < out.layers.size(); ++l)
    for (std::size_t h = 0; h < out.layers[l].heads.size(); ++h) {
      out.layers[l].heads[h].P += t * direction.layers[l].heads[h].P;
      out.layers[l].heads[h].Q += t * direction.layers[l].heads[h].Q;
    }
  return out;
}

/// The central-difference gradient in Mpfr at step h, and at 2h for the Richardson estimate of
/// its truncation error. The family map θ -> (P, Q) is affine with entries 0, ±1 in its linear
/// part, so the direction of θ_i is to_model(e_i) − to_model(0), exact in double.
struct Reference {
  Vec<Mpfr> gradient;     ///< at h
  Vec<Mpfr> truncation;   ///< |r(h) − r(2h)| / 3 per entry
  Mpfr rounding;          ///< 2^-(kBits − kLossRoundingBits) |loss| / h
};

Reference reference_gradient(const GradCase& c, const MpfrBatch& batch) {
  const Model<Mpfr> base = convert_model<Mpfr>(to_model(c.arch, c.theta));
  const Model<Mpfr> origin = convert_model<Mpfr>(to_model(c.arch, Eigen::VectorXd::Zero(c.theta.size())));
  const Mpfr h = ldexp(Mpfr(1), kStepExponent);
  const auto difference = [&](const Model<Mpfr>& direction, const Mpfr& step) {
    return (reference_loss(shifted(base, direction, step), batch) -
            reference_loss(shifted(base, direction, -step), batch)) /
           (2 * step);
  };
  Reference r;
  r.gradient.resize(c.theta.size());
  r.truncation.resize(c.theta.size());
  for (Eigen::Index i = 0; i < c.theta.size(); ++i) {
    const Model<Mpfr> unit = convert_model<Mpfr>(to_model(c.arch, Eigen::VectorXd::Unit(c.theta.size(), i)));
    const Model<Mpfr> direction = shifted(unit, origin, Mpfr(-1));
    r.gradient[i] = difference(direction, h);
    r.truncation[i] = abs(r.gradient[i] - difference(direction, 2 * h)) / 3;
  }
  r.rounding = ldexp(Mpfr(abs(reference_loss(base, batch))), -static_cast<int>(kBits) + kLossRoundingBits) / h;
  return r;
}

/// What the per-entry rule found for one gradient.
struct EntryCheck {
  double digits = std::numeric_limits<double>::infinity();  ///< min_i −log10(|g_i − r_i| / (|r_i| + F_i/τ))
  Eigen::Index worst = 0;                                   ///< the entry where it is smallest
  double worst_size = 0;                                    ///< |r_worst| / s
  double old_rule_digits = 0;                               ///< −log10(max_i |g_i − r_i| / s)
  bool holds() const { return digits >= kRequiredDigits; }
};

/// The rule of the header: |g_i − r_i| <= τ|r_i| + F_i, τ = 10^-kRequiredDigits, as digits:
/// −log10(|g_i − r_i| / (|r_i| + F_i/τ)) >= kRequiredDigits.
EntryCheck check_entries(const Eigen::VectorXd& g, const Reference& ref, const std::vector<Mpfr>& floor) {
  EntryCheck out;
  Mpfr scale = 0, largest_error = 0;
  for (Eigen::Index i = 0; i < g.size(); ++i) scale = std::max(scale, Mpfr(abs(ref.gradient[i])));
  const Mpfr tau = pow(Mpfr(10), -kRequiredDigits);
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    const Mpfr error = abs(Mpfr(g[i]) - ref.gradient[i]);
    largest_error = std::max(largest_error, error);
    if (error == 0) continue;
    const double digits = -static_cast<double>(log10(error / (abs(ref.gradient[i]) + floor[static_cast<std::size_t>(i)] / tau)));
    if (digits < out.digits) {
      out.digits = digits;
      out.worst = i;
      out.worst_size = scale > 0 ? static_cast<double>(abs(ref.gradient[i]) / scale) : 0;
    }
  }
  out.old_rule_digits = agreement<double, Mpfr>(Mat<double>(g), Mat<Mpfr>(ref.gradient)).digits();
  return out;
}

/// The size factor of the double reverse pass (header): roundings accumulating into one entry.
double size_factor(const GradCase& c) {
  return 2.0 * kBatch * c.arch.layers * c.arch.heads * 2 * (c.arch.d + 1);
}

struct CaseResult {
  EntryCheck gradient, frozen, corrupted;
  double loss_digits = 0;
  double floor_over_scale = 0;      ///< max_i F_i / s
  double reference_over_scale = 0;  ///< max_i (truncation_i + rounding) / s
  Eigen::Index corrupted_entry = 0;
  double corrupted_entry_size = 0;  ///< |r_i| / s of the corrupted entry
};

CaseResult check_case(const GradCase& c) {
  const Model<double> model = to_model(c.arch, c.theta);
  const MpfrBatch batch = to_mpfr(c.batch);
  const Reference ref = reference_gradient(c, batch);
  const Mpfr loss = reference_loss(convert_model<Mpfr>(model), batch);
  const Eigen::Index m = ref.gradient.size();
  Mpfr scale = 0;
  Eigen::Index smallest = 0;
  for (Eigen::Index i = 0; i < m; ++i) {
    scale = std::max(scale, Mpfr(abs(ref.gradient[i])));
    if (abs(ref.gradient[i]) < abs(ref.gradient[smallest])) smallest = i;
  }
  const Mpfr rounding_double = size_factor(c) * std::numeric_limits<double>::epsilon() * scale;
  std::vector<Mpfr> floor;
  CaseResult r;
  for (Eigen::Index i = 0; i < m; ++i) {
    const Mpfr from_reference = ref.truncation[i] + ref.rounding;
    floor.push_back(from_reference + rounding_double);
    if (scale > 0) {
      r.floor_over_scale = std::max(r.floor_over_scale, static_cast<double>(floor.back() / scale));
      r.reference_over_scale = std::max(r.reference_over_scale, static_cast<double>(from_reference / scale));
    }
  }
  HeadGradients hg;
  const double l = batch_loss_and_gradient(model, c.batch, hg);
  const Eigen::VectorXd g = pull_back(c.arch, hg);
  r.gradient = check_entries(g, ref, floor);
  r.loss_digits =
      agreement<double, Mpfr>(Mat<double>::Constant(1, 1, l), Mat<Mpfr>::Constant(1, 1, loss)).digits();
  // Negative control (2): one small entry off by kCorruption of the scale.
  Eigen::VectorXd corrupted = g;
  corrupted[smallest] += kCorruption * static_cast<double>(scale);
  r.corrupted = check_entries(corrupted, ref, floor);
  r.corrupted_entry = smallest;
  r.corrupted_entry_size = scale > 0 ? static_cast<double>(abs(ref.gradient[smallest]) / scale) : 0;
  // Negative control (1): the frozen-Gram reverse pass.
  batch_loss_and_gradient(model, c.batch, hg, 1, ReversePass::FrozenGram);
  r.frozen = check_entries(pull_back(c.arch, hg), ref, floor);
  return r;
}

}  // namespace
}  // namespace train_grad_hand_derived_impl

Obligation train_grad_hand_derived() {
  using namespace train_grad_hand_derived_impl;
  Obligation obligation = make_obligation(
      "TRAIN.GRAD", "ltv",
      "The hand-derived training gradients equal the gradients (every family, reverse mode)", Kind::Identity,
      {Tier::Double, Tier::Mpfr},
      "for every family, L, H and attention scale, the reverse pass and the family's pull-back return "
      "the gradient of $\\frac1B \\sum_b (\\hat y_b - ⟨w_b, x_{q,b}⟩)^2$ with respect to θ");
  obligation.scope.checked = {{"families", "FULL, DIAG, GD++, SPARSE, RELAXED"}, {"d", "1–3"}, {"L", "1–3"}, {"H", "1–2"}, {"c", "1, 1/n"}};
  obligation.run = [](const Obligation& o, const RunOptions& options) {
    const ScopedBits bits(kBits);
    const std::uint64_t seed = property_seed(options.seed, o.id, "cases");
    const double inf = std::numeric_limits<double>::infinity();
    double worst = inf, worst_loss = inf, worst_frozen = inf, worst_corrupted = inf, worst_old_rule = inf;
    double largest_floor = 0, largest_reference_error = 0;
    std::string worst_case, frozen_case, corrupted_case;
    int cases = 0, corrupted_rejected = 0, corrupted_rejected_old_accepts = 0, corrupted_old_accepts = 0;
    nlohmann::json per_family = nlohmann::json::object();
    for (const Family f : {Family::Full, Family::Diag, Family::Gdpp, Family::Sparse, Family::Relaxed}) {
      double family_worst = inf;
      for (int k = 0; k < kCasesPerFamily; ++k) {
        const GradCase c = make_case(f, k, derive_seed(seed, stable_hash(std::string(family_label(f))) + k));
        const CaseResult r = check_case(c);
        ++cases;
        family_worst = std::min(family_worst, r.gradient.digits);
        if (r.gradient.digits < worst) {
          worst = r.gradient.digits;
          std::ostringstream os;
          os << c.describe() << ", entry " << r.gradient.worst << " (|r_i| = " << r.gradient.worst_size
             << " of the scale)";
          worst_case = os.str();
        }
        worst_old_rule = std::min(worst_old_rule, r.gradient.old_rule_digits);
        worst_loss = std::min(worst_loss, r.loss_digits);
        largest_floor = std::max(largest_floor, r.floor_over_scale);
        largest_reference_error = std::max(largest_reference_error, r.reference_over_scale);
        if (r.frozen.digits < worst_frozen) worst_frozen = r.frozen.digits, frozen_case = c.describe();
        const bool old_accepts = r.corrupted.old_rule_digits >= kRequiredDigits;
        corrupted_old_accepts += old_accepts ? 1 : 0;
        corrupted_rejected += r.corrupted.holds() ? 0 : 1;
        corrupted_rejected_old_accepts += !r.corrupted.holds() && old_accepts ? 1 : 0;
        if (r.corrupted.digits < worst_corrupted) {
          worst_corrupted = r.corrupted.digits;
          std::ostringstream os;
          os << c.describe() << ", entry " << r.corrupted_entry << " (|r_i| = " << r.corrupted_entry_size
             << " of the scale) moved by 1e-12 of the scale: " << r.corrupted.digits
             << " digits per entry (the previous rule, error over the largest entry: "
             << r.corrupted.old_rule_digits << " digits)";
          corrupted_case = os.str();
        }
      }
      per_family[std::string(family_label(f))] = {{"cases", kCasesPerFamily},
                                                  {"worst_gradient_digits", family_worst}};
    }
    StatementOutcomes s;
    s.statement = o.statement;
    const bool holds = worst >= kRequiredDigits && worst_loss >= kRequiredDigits;
    s.printed = measured_outcome(
        cases, holds ? std::nullopt : std::optional<std::string>(worst_case),
        {measured_tier(Tier::Double, 53, cases,
                       "gradient " + std::to_string(worst) + " digits per entry above the floor, loss " +
                           std::to_string(worst_loss) + " digits",
                       worst_case, worst, kRequiredDigits),
         measured_tier(Tier::Mpfr, working_bits(), cases,
                       "reference: central differences, h = 2^-80 (~45 digits)", "")},
        "gradient agrees to only " + std::to_string(worst) + " digits per entry (loss " +
            std::to_string(worst_loss) + ") on " + worst_case);
    s.negative_description =
        "the reverse pass with each layer's Gram matrix frozen (no $\\bar T \\mathrel{+}= (\\bar G + \\bar G^⊤) T G^0$); and the gradient with "
        "its smallest entry moved by 1e-12 of the largest";
    // One layer cannot tell the frozen Gram matrix (T⁰ = I is no function of the parameters), and
    // the corruption hides in an entry near the scale: some case must reject each.
    const bool rejected = worst_frozen < kRequiredDigits && worst_corrupted < kRequiredDigits;
    s.negative = measured_outcome(cases, rejected ? std::optional<std::string>(frozen_case + ": the frozen-Gram gradient agrees to " +
                                                                         std::to_string(worst_frozen) + " digits per entry\n" +
                                                                         corrupted_case)
                                                  : std::nullopt);
    ObligationResult r = decide(o, options, s);
    r.values["rule"] =
        "per entry |g_i - r_i| <= 1e-10 |r_i| + F_i, F_i = reference error (Richardson truncation + rounding) + "
        "size * eps * max|r| (double pass), size = 2 B L H 2(d+1)";
    r.values["per_family"] = per_family;
    r.values["worst_gradient_digits"] = worst;
    r.values["worst_gradient_digits_against_largest_entry"] = worst_old_rule;
    r.values["worst_loss_digits"] = worst_loss;
    r.values["required_digits"] = kRequiredDigits;
    r.values["largest_floor_over_scale"] = largest_floor;
    r.values["largest_reference_error_over_scale"] = largest_reference_error;
    r.values["negative_control_frozen_gram_worst_digits"] = worst_frozen;
    r.values["negative_control_corrupted_entry"] = {
        {"corruption_over_scale", kCorruption},
        {"worst_digits", worst_corrupted},
        {"worst_case", corrupted_case},
        {"cases_rejected", corrupted_rejected},
        {"cases_the_previous_rule_accepts", corrupted_old_accepts},
        {"cases_rejected_that_the_previous_rule_accepts", corrupted_rejected_old_accepts}};
    r.values["setting"] =
        "d in 1..3, L in 1..3, H in 1..2, norm sum and mean, B = 3 sequences of n = 4, sigma = 0.5";
    return r;
  };
  return obligation;
}

}  // namespace ltv::proofs
