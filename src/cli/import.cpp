#include "import.hpp"

#include "ltv/interop/import.hpp"
#include "ltv/io/files.hpp"

#include <iostream>
#include <stdexcept>

namespace ltv::cli {

void setup_import(CLI::App& app, ImportCliOptions& o) {
  app.add_option(
         "--layout", o.layout,
         "a23-code (A23's PyTorch code: allparam (L, H, 2, d, d), its Q transposed), pq (P, Q: (L, H, d+1, "
         "d+1)), omega (DIAG/GD++ ω's per layer: (L, 4) or (L, 2))")
      ->required()
      ->check(CLI::IsMember({"a23-code", "pq", "omega"}));
  app.add_option("--weights", o.weights, "The weights: .npz, .npy or .safetensors (float32 or float64)")
      ->required();
  app.add_option("--out", o.out, "The model file to write")->required();
  app.add_option("--family", o.family,
                 "a23-code: sparse, relaxed or full (default: sparse when every P block is 0, else relaxed); "
                 "pq: full; omega: diag or gdpp (as the arrays say)")
      ->check(CLI::IsMember({"full", "diag", "gdpp", "sparse", "relaxed"}));
  app.add_option("--norm", o.norm,
                 "The attention scale c: sum (c = 1) or mean (c = 1/n); pq and omega need it")
      ->check(CLI::IsMember({"sum", "mean"}));
  add_task_options(app, o.task);
}

int run_import(const ImportCliOptions& o, const CLI::App& app) {
  check_writable_file(o.out, 1 << 20);
  ImportOptions options;
  options.layout = *parse_layout(o.layout);
  if (!o.family.empty()) options.family = parse_family_label(o.family);
  if (!o.norm.empty()) options.norm = o.norm == "sum" ? Norm::Sum : Norm::Mean;
  options.source = o.weights;
  const ArrayMap arrays = read_weights(o.weights);
  TaskOptions task = o.task;
  if (const auto d = weights_dimension(arrays, options.layout)) {
    if (app.count("--d") && task.d != *d)
      throw std::invalid_argument("--d is " + std::to_string(task.d) +
                                  ", but the weights have d = " + std::to_string(*d));
    task.d = *d;
  } else if (!app.count("--d")) {
    throw std::invalid_argument("layout " + o.layout +
                                ": the weights do not say d; give --d or an array 'cov'");
  }
  if (!app.count("--n"))
    throw std::invalid_argument("give --n, the context length the weights were trained for");
  const TrainState state = import_model(arrays, options, task_distribution(task));
  save_imported_model(o.out, state, options);
  const Architecture& a = state.config.arch;
  std::cout << "Imported " << o.weights << " (layout " << o.layout << "): " << family_label(a.family)
            << ", d = " << a.d << ", L = " << a.layers << ", H = " << a.heads
            << ", c = " << (a.norm == Norm::Mean ? "1/n" : "1") << ", n = " << state.config.task.n << " -> "
            << o.out << "\n";
  return 0;
}

}  // namespace ltv::cli
