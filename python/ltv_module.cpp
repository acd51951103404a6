// The Python module's native part, ltv._ltv (docs/python.md): a thin binding of the library.
// Everything that the CLI also prints as JSON comes back as the same JSON text (built by the same
// library function: api/theory_json.hpp, crosscheck/compare.hpp), which
// python/ltv/*.py turns into Python data. Errors: bad input (std::invalid_argument, a malformed
// model or weights file) raises ValueError, anything else RuntimeError, with the C++ message.
// Long computations release the GIL. The obligations (ltv.check) are not linked in: they need
// RapidCheck, whose Debian library (librapidcheck.a) is not position-independent and cannot go into
// a shared module; ltv.check runs the built `ltv check` instead (python/ltv/checks.py).
#include "ltv/api/theory_json.hpp"
#include "ltv/core/random.hpp"
#include "ltv/core/spectra.hpp"
#include "ltv/crosscheck/compare.hpp"
#include "ltv/interop/import.hpp"
#include "ltv/model/forward.hpp"
#include "ltv/scalar/convert.hpp"
#include "ltv/scalar/precision.hpp"
#include "ltv/train/architecture.hpp"
#include "ltv/train/model_file.hpp"

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace py = pybind11;
using release_gil = py::call_guard<py::gil_scoped_release>;

namespace ltv {
namespace {

std::string theory_one_layer(int d, int n, const std::vector<std::string>& eigs, const std::string& noise_var,
                             unsigned bits, std::uint64_t seed) {
  const ScopedBits scoped(bits);
  const OneLayerTheory t =
      analyse_one_layer(parse_spectrum(eigs, d), n, parse_decimal(noise_var, "noise_var"), seed);
  return one_layer_json(t, scoped.bits(), n, eigs, noise_var).dump();
}

std::string theory_stationary(const std::string& family, int layers, int d, int n,
                              const std::vector<std::string>& eigs, unsigned bits, std::uint64_t seed,
                              bool hessian, const std::string& engine) {
  if (family != "sparse" && family != "relaxed")
    throw std::invalid_argument("family must be 'sparse' or 'relaxed', got '" + family + "'");
  if (engine != "wishart" && engine != "matching")
    throw std::invalid_argument("engine must be 'wishart' or 'matching', got '" + engine + "'");
  if (layers < 1) throw std::invalid_argument("layers must be >= 1");
  const ScopedBits scoped(bits);
  const LayerFamily f = family == "sparse" ? LayerFamily::Sparse : LayerFamily::Relaxed;
  const StationaryTheory t =
      analyse_stationary(f, layers, parse_spectrum(eigs, d), n, seed, hessian,
                         engine == "matching" ? StationaryEngine::Matching : StationaryEngine::Wishart);
  return stationary_json(t, f, layers, n, scoped.bits()).dump();
}

/// A NumPy array as a NamedArray: float32 or float64 only, in C order.
NamedArray named_array(const std::string& name, const py::array& a) {
  const py::dtype dt = a.dtype();
  if (dt.kind() != 'f' || (dt.itemsize() != 4 && dt.itemsize() != 8))
    throw ArrayFileError("array '" + name + "' has dtype " + dt.attr("name").cast<std::string>() +
                         "; float32 or float64 expected");
  NamedArray out;
  out.dtype = dt.itemsize() == 4 ? "float32" : "float64";
  for (py::ssize_t i = 0; i < a.ndim(); ++i) out.shape.push_back(a.shape(i));
  const auto c = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
  out.values.assign(c.data(), c.data() + c.size());
  return out;
}

py::array_t<double> numpy_of(const NamedArray& a) {
  std::vector<py::ssize_t> shape(a.shape.begin(), a.shape.end());
  py::array_t<double> out(shape);
  std::copy(a.values.begin(), a.values.end(), out.mutable_data());
  return out;
}

Mat<double> tokens_of(const TrainState& s, const Eigen::MatrixXd& Z) {
  const int d = s.config.arch.d;
  if (Z.rows() != d + 1 || Z.cols() < 2)
    throw std::invalid_argument("the tokens have shape (" + std::to_string(Z.rows()) + ", " +
                                std::to_string(Z.cols()) + "); the model needs (" + std::to_string(d + 1) +
                                ", n+1) with n >= 1");
  if (!Z.allFinite()) throw std::invalid_argument("the tokens have a non-finite value");
  return Z;
}

std::vector<Eigen::MatrixXd> forward_double(const TrainState& s, const Eigen::MatrixXd& Z) {
  return forward_tokens(to_model(s.config.arch, s.theta), tokens_of(s, Z));
}

/// Every layer's tokens as decimal strings at `bits`.
std::vector<std::vector<std::vector<std::string>>> forward_mpfr(const TrainState& s, const Eigen::MatrixXd& Z,
                                                                unsigned bits) {
  const ScopedBits scoped(bits);
  const auto tokens = forward_tokens(convert_model<Mpfr>(to_model(s.config.arch, s.theta)),
                                     convert_matrix<Mpfr>(Mat<double>(tokens_of(s, Z))));
  std::vector<std::vector<std::vector<std::string>>> out;
  for (const auto& T : tokens) {
    std::vector<std::vector<std::string>> rows;
    for (Eigen::Index i = 0; i < T.rows(); ++i) {
      std::vector<std::string> row;
      for (Eigen::Index j = 0; j < T.cols(); ++j) row.push_back(to_decimal(T(i, j)));
      rows.push_back(std::move(row));
    }
    out.push_back(std::move(rows));
  }
  return out;
}

}  // namespace
}  // namespace ltv

PYBIND11_MODULE(_ltv, m) {
  using namespace ltv;
  m.doc() = "ltv's native part; use the package `ltv` (docs/python.md)";
  // A malformed model file is bad input, like std::invalid_argument (ValueError by pybind11's default).
  py::register_exception<ModelFileError>(m, "ModelFileError", PyExc_ValueError);

  m.def("theory_one_layer", &theory_one_layer, py::arg("d"), py::arg("n"), py::arg("cov_eigs"),
        py::arg("noise_var"), py::arg("bits"), py::arg("seed"), release_gil());
  m.def("theory_stationary", &theory_stationary, py::arg("family"), py::arg("layers"), py::arg("d"),
        py::arg("n"), py::arg("cov_eigs"), py::arg("bits"), py::arg("seed"), py::arg("hessian"),
        py::arg("engine"), release_gil());
  m.def(
      "covariance",
      [](const std::vector<double>& eigs, std::uint64_t seed) {
        // Σ_x = U diag(e) Uᵀ with U Haar from `seed`: what `--cov-eigs e --cov-seed seed` gives.
        for (const double e : eigs)
          if (!(e > 0) || !std::isfinite(e)) throw std::invalid_argument("cov_eigs must be positive numbers");
        Rng rng(seed);
        const Eigen::MatrixXd U = haar_orthogonal(static_cast<int>(eigs.size()), rng);
        const Eigen::VectorXd e =
            Eigen::Map<const Eigen::VectorXd>(eigs.data(), static_cast<Eigen::Index>(eigs.size()));
        return Eigen::MatrixXd(with_spectrum<double>(e, U));
      },
      py::arg("cov_eigs"), py::arg("seed"));
  m.def(
      "read_weights",
      [](const std::string& path) {
        py::dict out;
        for (const auto& [name, a] : read_weights(path)) out[py::str(name)] = numpy_of(a);
        return out;
      },
      py::arg("path"));

  py::class_<TrainState>(m, "Model")
      .def_static(
          "load", [](const std::string& path) { return load_model_file(path); }, py::arg("path"))
      .def_static("from_json",
                  [](const std::string& text) {
                    nlohmann::json j;
                    try {
                      j = nlohmann::json::parse(text);
                    } catch (const nlohmann::json::exception& e) {
                      throw ModelFileError(std::string("not JSON: ") + e.what());
                    }
                    return train_state_from_json(j);
                  })
      .def_static("import_arrays",
                  [](const std::string& layout, const std::map<std::string, py::array>& arrays,
                     const std::string& family, const std::string& norm, const std::string& task_json,
                     const std::string& source) {
                    ImportOptions o;
                    const auto l = parse_layout(layout);
                    if (!l)
                      throw std::invalid_argument("unknown layout '" + layout + "' (a23-code, pq or omega)");
                    o.layout = *l;
                    if (!family.empty()) {
                      o.family = parse_family_label(family);
                      if (!o.family) throw std::invalid_argument("unknown family '" + family + "'");
                    }
                    if (!norm.empty()) {
                      if (norm != "sum" && norm != "mean")
                        throw std::invalid_argument("norm must be 'sum' or 'mean', got '" + norm + "'");
                      o.norm = norm == "sum" ? Norm::Sum : Norm::Mean;
                    }
                    o.source = source;
                    ArrayMap named;
                    for (const auto& [name, a] : arrays) named.emplace(name, named_array(name, a));
                    return import_model(named, o, task_from_json(nlohmann::json::parse(task_json)));
                  })
      .def_static("weights_dimension",
                  [](const std::string& layout,
                     const std::map<std::string, py::array>& arrays) -> std::optional<int> {
                    const auto l = parse_layout(layout);
                    if (!l)
                      throw std::invalid_argument("unknown layout '" + layout + "' (a23-code, pq or omega)");
                    ArrayMap named;
                    for (const auto& [name, a] : arrays) named.emplace(name, named_array(name, a));
                    return weights_dimension(named, *l);
                  })
      .def(
          "save", [](const TrainState& s, const std::string& path) { save_model_file(path, s); },
          py::arg("path"))
      .def("to_json", [](const TrainState& s) { return to_json(s).dump(); })
      .def_property_readonly(
          "family", [](const TrainState& s) { return std::string(family_label(s.config.arch.family)); })
      .def_property_readonly("d", [](const TrainState& s) { return s.config.arch.d; })
      .def_property_readonly("layers", [](const TrainState& s) { return s.config.arch.layers; })
      .def_property_readonly("heads", [](const TrainState& s) { return s.config.arch.heads; })
      .def_property_readonly(
          "norm", [](const TrainState& s) { return s.config.arch.norm == Norm::Mean ? "mean" : "sum"; })
      .def_property_readonly("n", [](const TrainState& s) { return s.config.task.n; })
      .def_property_readonly("theta", [](const TrainState& s) { return Eigen::VectorXd(s.theta); })
      .def_property_readonly("covariance",
                             [](const TrainState& s) { return Eigen::MatrixXd(s.config.task.covariance()); })
      .def("heads_pq",
           [](const TrainState& s) {
             std::vector<std::vector<std::pair<Eigen::MatrixXd, Eigen::MatrixXd>>> out;
             for (const auto& layer : to_model(s.config.arch, s.theta).layers) {
               out.emplace_back();
               for (const auto& h : layer.heads) out.back().emplace_back(h.P, h.Q);
             }
             return out;
           })
      .def("forward", &forward_double, py::arg("tokens"), release_gil())
      .def("forward_mpfr", &forward_mpfr, py::arg("tokens"), py::arg("bits"), release_gil())
      .def(
          "compare",
          [](const TrainState& s, unsigned bits, int sequences, std::uint64_t seed) {
            if (bits < 64 || bits > 4096) throw std::invalid_argument("bits must be in 64..4096");
            if (sequences < 1) throw std::invalid_argument("sequences must be >= 1");
            CompareOptions o;
            o.bits = bits;
            o.sequences = sequences;
            o.seed = seed;
            return compare_with_theory(s, o).dump();
          },
          py::arg("bits"), py::arg("sequences"), py::arg("seed"), release_gil());
}
