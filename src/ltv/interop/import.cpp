#include "ltv/interop/import.hpp"

#include "ltv/io/files.hpp"
#include "ltv/train/model_file.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace ltv {
namespace {

[[noreturn]] void bad(const std::string& why) { throw ArrayFileError(why); }

std::string names(const ArrayMap& arrays) {
  std::string out;
  for (const auto& [name, a] : arrays) out += (out.empty() ? "" : ", ") + name + " " + a.shape_text();
  return out.empty() ? "no arrays" : out;
}

/// The C-order multi-index of flat position k, as "[i, j, ...]".
std::string index_text(const NamedArray& a, std::size_t k) {
  std::vector<std::int64_t> index(a.shape.size());
  for (std::size_t i = a.shape.size(); i-- > 0;) {
    index[i] = static_cast<std::int64_t>(k % static_cast<std::size_t>(a.shape[i]));
    k /= static_cast<std::size_t>(a.shape[i]);
  }
  std::string out = "[";
  for (std::size_t i = 0; i < index.size(); ++i) out += (i ? ", " : "") + std::to_string(index[i]);
  return out + "]";
}

void check_finite(const std::string& name, const NamedArray& a) {
  for (std::size_t k = 0; k < a.values.size(); ++k)
    if (!std::isfinite(a.values[k])) {
      std::ostringstream v;
      v << a.values[k];
      bad("array '" + name + "' has the non-finite value " + v.str() + " at " + index_text(a, k));
    }
}

/// The layout's arrays, and `cov`; anything else is an error naming what was expected.
void check_names(const ArrayMap& arrays, Layout layout, const std::vector<std::string>& required) {
  std::set<std::string> allowed(required.begin(), required.end());
  allowed.insert("cov");
  std::string expected;
  for (const auto& r : required) expected += "'" + r + "', ";
  expected += "and optionally 'cov' (d×d)";
  for (const auto& r : required)
    if (!arrays.count(r))
      bad("layout " + std::string(layout_name(layout)) + " needs the array '" + r + "'; the file has " +
          names(arrays) + " (expected " + expected + ")");
  for (const auto& [name, a] : arrays)
    if (!allowed.count(name))
      bad("layout " + std::string(layout_name(layout)) + ": unknown array '" + name + "' " + a.shape_text() +
          " (expected " + expected + ")");
  for (const auto& [name, a] : arrays) check_finite(name, a);
}

const NamedArray& array(const ArrayMap& arrays, const std::string& name) { return arrays.at(name); }

std::string shape_of(std::initializer_list<std::string> dims) {
  std::string out = "(";
  std::size_t i = 0;
  for (const auto& d : dims) out += (i++ ? ", " : "") + d;
  return out + ")";
}

/// PQ: the (L, H, D) of P and Q, checking that they agree.
struct PqShape {
  int L = 0, H = 0, D = 0;
};

PqShape pq_shape(const ArrayMap& arrays) {
  PqShape s;
  for (const char* name : {"P", "Q"}) {
    const NamedArray& a = array(arrays, name);
    PqShape t;
    if (a.shape.size() == 4) {
      t = {static_cast<int>(a.shape[0]), static_cast<int>(a.shape[1]), static_cast<int>(a.shape[2])};
      if (a.shape[3] != a.shape[2])
        bad(std::string("array '") + name + "' " + a.shape_text() +
            ": its last two dimensions must be equal (d+1, d+1)");
    } else if (a.shape.size() == 3) {
      t = {static_cast<int>(a.shape[0]), 1, static_cast<int>(a.shape[1])};
      if (a.shape[2] != a.shape[1])
        bad(std::string("array '") + name + "' " + a.shape_text() +
            ": its last two dimensions must be equal (d+1, d+1)");
    } else {
      bad(std::string("array '") + name + "' has shape " + a.shape_text() +
          "; layout pq takes (L, H, d+1, d+1) or (L, d+1, d+1)");
    }
    if (t.L < 1 || t.H < 1 || t.D < 2)
      bad(std::string("array '") + name + "' " + a.shape_text() + ": need L >= 1, H >= 1, d+1 >= 2");
    if (s.L == 0)
      s = t;
    else if (s.L != t.L || s.H != t.H || s.D != t.D)
      bad("arrays 'P' " + array(arrays, "P").shape_text() + " and 'Q' " + a.shape_text() +
          " differ in shape");
  }
  return s;
}

void check_a23_shape(const NamedArray& a) {
  if (a.shape.size() != 5 || a.shape[2] != 2 || a.shape[3] != a.shape[4] || a.shape[0] < 1 ||
      a.shape[1] < 1 || a.shape[3] < 1)
    bad("array 'allparam' has shape " + a.shape_text() + "; layout a23-code takes " +
        shape_of({"L", "H", "2", "d", "d"}) + " (P at [l, h, 0], Q at [l, h, 1])");
}

void check_omega_shape(const NamedArray& a) {
  if (a.shape.size() != 2 || a.shape[0] < 1 || (a.shape[1] != 4 && a.shape[1] != 2))
    bad("array 'omega' has shape " + a.shape_text() +
        "; layout omega takes (L, 4) (DIAG: ω_xx, ω_xy, ω_yx, ω_yy) or (L, 2) (GD++: ω_xx, ω_yx)");
}

}  // namespace

std::string_view layout_name(Layout l) {
  switch (l) {
    case Layout::A23Code:
      return "a23-code";
    case Layout::PQ:
      return "pq";
    case Layout::Omega:
      return "omega";
  }
  return "?";
}

std::optional<Layout> parse_layout(std::string_view s) {
  for (const Layout l : {Layout::A23Code, Layout::PQ, Layout::Omega})
    if (s == layout_name(l)) return l;
  return std::nullopt;
}

std::optional<int> weights_dimension(const ArrayMap& arrays, Layout layout) {
  switch (layout) {
    case Layout::A23Code:
      check_names(arrays, layout, {"allparam"});
      check_a23_shape(array(arrays, "allparam"));
      return static_cast<int>(array(arrays, "allparam").shape[3]);
    case Layout::PQ:
      check_names(arrays, layout, {"P", "Q"});
      return pq_shape(arrays).D - 1;
    case Layout::Omega:
      check_names(arrays, layout, {"omega"});
      check_omega_shape(array(arrays, "omega"));
      if (!arrays.count("cov") || array(arrays, "cov").shape.empty()) return std::nullopt;
      return static_cast<int>(array(arrays, "cov").shape[0]);
  }
  return std::nullopt;
}

TrainState import_model(const ArrayMap& arrays, const ImportOptions& options, TaskDistribution task) {
  const Layout layout = options.layout;
  const std::string lname(layout_name(layout));
  TrainConfig config;
  Architecture& arch = config.arch;
  std::vector<double> theta;

  switch (layout) {
    case Layout::A23Code: {
      check_names(arrays, layout, {"allparam"});
      const NamedArray& a = array(arrays, "allparam");
      check_a23_shape(a);
      const int L = static_cast<int>(a.shape[0]), H = static_cast<int>(a.shape[1]),
                d = static_cast<int>(a.shape[3]);
      const auto at = [&](int l, int h, int k, int i, int j) {
        return a.values[static_cast<std::size_t>((((l * H + h) * 2 + k) * d + i) * d + j)];
      };
      if (options.norm && *options.norm != Norm::Mean)
        bad("layout a23-code: A23's code divides the attention by n (c = 1/n); --norm sum does not apply");
      bool p_zero = true;
      for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h)
          for (int i = 0; i < d; ++i)
            for (int j = 0; j < d; ++j) p_zero = p_zero && at(l, h, 0, i, j) == 0;
      const Family family = options.family.value_or(p_zero ? Family::Sparse : Family::Relaxed);
      if (family != Family::Sparse && family != Family::Relaxed && family != Family::Full)
        bad("layout a23-code: family " + std::string(family_label(family)) +
            " does not apply (its layers are RELAXED, SPARSE when P = 0, or FULL)");
      if (family == Family::Sparse && !p_zero)
        for (int l = 0; l < L; ++l)
          for (int h = 0; h < H; ++h)
            for (int i = 0; i < d; ++i)
              for (int j = 0; j < d; ++j)
                if (at(l, h, 0, i, j) != 0) {
                  std::ostringstream v;
                  v.precision(17);
                  v << at(l, h, 0, i, j);
                  bad("layout a23-code, family SPARSE: every P block must be 0, but allparam[" +
                      std::to_string(l) + ", " + std::to_string(h) + ", 0, " + std::to_string(i) + ", " +
                      std::to_string(j) + "] = " + v.str());
                }
      arch = {family, d, L, H, Norm::Mean};
      for (int l = 0; l < L; ++l)
        for (int h = 0; h < H; ++h) {
          // ltv's Q is the transpose of the code's: Q_ltv[i][j] = Q_code[j][i].
          if (family == Family::Full) {
            for (int j = 0; j <= d; ++j)  // vec P_full, column-major
              for (int i = 0; i <= d; ++i)
                theta.push_back(i < d && j < d ? at(l, h, 0, i, j) : (i == d && j == d ? 1.0 : 0.0));
            for (int j = 0; j <= d; ++j)  // vec Q_fullᵀ
              for (int i = 0; i <= d; ++i) theta.push_back(i < d && j < d ? at(l, h, 1, j, i) : 0.0);
          } else {
            const double sign = family == Family::Sparse ? -1.0 : 1.0;
            for (int j = 0; j < d; ++j)  // vec A, A = ±Q_codeᵀ
              for (int i = 0; i < d; ++i) theta.push_back(sign * at(l, h, 1, j, i));
            if (family == Family::Relaxed)
              for (int j = 0; j < d; ++j)  // vec B, B = P_code
                for (int i = 0; i < d; ++i) theta.push_back(at(l, h, 0, i, j));
          }
        }
      break;
    }
    case Layout::PQ: {
      check_names(arrays, layout, {"P", "Q"});
      const PqShape s = pq_shape(arrays);
      if (options.family && *options.family != Family::Full)
        bad("layout pq gives full (P, Q): family " + std::string(family_label(*options.family)) +
            " does not apply");
      if (!options.norm) bad("layout pq: give the normalisation c (--norm sum for c = 1, mean for c = 1/n)");
      arch = {Family::Full, s.D - 1, s.L, s.H, *options.norm};
      const NamedArray& P = array(arrays, "P");
      const NamedArray& Q = array(arrays, "Q");
      for (int l = 0; l < s.L; ++l)
        for (int h = 0; h < s.H; ++h)
          for (const NamedArray* m : {&P, &Q})
            for (int j = 0; j < s.D; ++j)
              for (int i = 0; i < s.D; ++i)
                theta.push_back(m->values[static_cast<std::size_t>(((l * s.H + h) * s.D + i) * s.D + j)]);
      break;
    }
    case Layout::Omega: {
      check_names(arrays, layout, {"omega"});
      const NamedArray& w = array(arrays, "omega");
      check_omega_shape(w);
      const int L = static_cast<int>(w.shape[0]);
      const bool diag = w.shape[1] == 4;
      const Family family = diag ? Family::Diag : Family::Gdpp;
      if (options.family && *options.family != family)
        bad("layout omega: array 'omega' " + w.shape_text() + " holds " + (diag ? "DIAG" : "GD++") +
            " layers, not " + std::string(family_label(*options.family)) + " ((L, 4): DIAG; (L, 2): GD++)");
      if (!options.norm)
        bad("layout omega: give the normalisation c (--norm sum for c = 1, mean for c = 1/n)");
      arch = {family, task.d, L, 2, *options.norm};
      for (int l = 0; l < L; ++l) {
        const auto om = [&](int k) { return w.values[static_cast<std::size_t>(l * w.shape[1] + k)]; };
        if (diag) {
          theta.insert(theta.end(), {1.0, 0.0, om(0), om(1)});  // ω_xx, ω_xy
          theta.insert(theta.end(), {0.0, 1.0, om(2), om(3)});  // ω_yx, ω_yy
        } else {
          theta.insert(theta.end(), {1.0, 0.0, om(0)});  // ω_xx
          theta.insert(theta.end(), {0.0, 1.0, om(1)});  // ω_yx
        }
      }
      break;
    }
  }

  if (const auto it = arrays.find("cov"); it != arrays.end()) {
    const NamedArray& c = it->second;
    if (c.shape.size() != 2 || c.shape[0] != arch.d || c.shape[1] != arch.d)
      bad("array 'cov' has shape " + c.shape_text() + "; the weights have d = " + std::to_string(arch.d) +
          ", so it must be (" + std::to_string(arch.d) + ", " + std::to_string(arch.d) + ")");
    if (task.cov.size())
      bad("the covariance is given twice: by the array 'cov' and by the task options (--cov-eigs)");
    task.cov.resize(arch.d, arch.d);
    for (int i = 0; i < arch.d; ++i)
      for (int j = 0; j < arch.d; ++j) task.cov(i, j) = c.values[static_cast<std::size_t>(i * arch.d + j)];
  }
  if (task.d != arch.d)
    bad("the weights have d = " + std::to_string(arch.d) + ", the task d = " + std::to_string(task.d));
  try {
    task.validate();
  } catch (const std::invalid_argument& e) {
    bad(std::string("the task: ") + e.what());
  }
  config.task = task;
  config.steps = 0;
  try {
    config.validate();
  } catch (const std::invalid_argument& e) {
    bad(std::string("the imported model: ") + e.what());
  }
  TrainState state;
  state.config = config;
  state.theta = Eigen::Map<const Eigen::VectorXd>(theta.data(), static_cast<Eigen::Index>(theta.size()));
  if (state.theta.size() != arch.parameter_count())
    bad("internal: " + std::to_string(state.theta.size()) + " parameters for an architecture of " +
        std::to_string(arch.parameter_count()));
  state.optimizer.step = 0;
  state.optimizer.m = Eigen::VectorXd::Zero(state.theta.size());
  state.optimizer.v = Eigen::VectorXd::Zero(state.theta.size());
  return state;
}

nlohmann::json import_provenance(const TrainState& state, const ImportOptions& options) {
  return {{"layout", std::string(layout_name(options.layout))},
          {"family", std::string(family_label(state.config.arch.family))},
          {"source", options.source}};
}

void save_imported_model(const std::filesystem::path& path, const TrainState& state,
                         const ImportOptions& options) {
  nlohmann::json j = to_json(state);
  j["imported"] = import_provenance(state, options);
  write_file_atomically(path, j.dump(1) + "\n");
}

}  // namespace ltv
