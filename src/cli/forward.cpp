#include "forward.hpp"

#include "model_input.hpp"

#include "ltv/interop/arrays.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/train/architecture.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <stdexcept>

namespace ltv::cli {
namespace {

template <class T>
nlohmann::json tokens_json(const Mat<T>& Z) {
  nlohmann::json rows = nlohmann::json::array();
  for (Eigen::Index i = 0; i < Z.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index j = 0; j < Z.cols(); ++j) {
      if constexpr (std::is_same_v<T, double>)
        row.push_back(Z(i, j));
      else
        row.push_back(to_decimal(Z(i, j)));
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

void setup_forward(CLI::App& app, ForwardOptions& o) {
  app.add_option("--model", o.model, "Model file")->required();
  app.add_option("--tokens", o.tokens,
                 "The tokens: a .npy of shape (d+1, n+1), one token per column, the query last")
      ->required();
  app.add_option("--bits", o.bits, "MPFR precision in bits (default: double)")
      ->check(CLI::Range(32u, 65536u));
}

int run_forward(const ForwardOptions& o) {
  const TrainState state = load_model_input(o.model, "forward");
  const ArrayMap arrays = read_weights(o.tokens);
  if (arrays.size() != 1) throw std::invalid_argument(o.tokens + ": expected one array of tokens");
  const NamedArray& a = arrays.begin()->second;
  const int d = state.config.arch.d;
  if (a.shape.size() != 2 || a.shape[0] != d + 1 || a.shape[1] < 2)
    throw std::invalid_argument(o.tokens + ": the tokens have shape " + a.shape_text() +
                                "; the model needs (" + std::to_string(d + 1) + ", n+1) with n >= 1");
  Mat<double> Z(a.shape[0], a.shape[1]);
  for (Eigen::Index i = 0; i < Z.rows(); ++i)
    for (Eigen::Index j = 0; j < Z.cols(); ++j)
      Z(i, j) = a.values[static_cast<std::size_t>(i * Z.cols() + j)];
  if (!Z.allFinite()) throw std::invalid_argument(o.tokens + ": the tokens have a non-finite value");
  const Model<double> model = to_model(state.config.arch, state.theta);
  nlohmann::json out;
  if (o.bits == 0) {
    const auto tokens = forward_tokens(model, Z);
    out = {{"precision", "double"},
           {"tokens", tokens_json(tokens.back())},
           {"prediction", prediction(tokens.back())}};
  } else {
    const ScopedBits bits(o.bits);
    const auto tokens = forward_tokens(convert_model<Mpfr>(model), convert_matrix<Mpfr>(Z));
    out = {{"precision", "mpfr"},
           {"bits", bits.bits()},
           {"tokens", tokens_json(tokens.back())},
           {"prediction", to_decimal(prediction(tokens.back()))}};
  }
  std::cout << out.dump(1) << "\n";
  return 0;
}

}  // namespace ltv::cli
