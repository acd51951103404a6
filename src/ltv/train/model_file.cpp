// Model files (model_file.hpp).
#include "ltv/train/model_file.hpp"

#include "ltv/io/files.hpp"

#include <cmath>

namespace ltv {

NLOHMANN_JSON_SERIALIZE_ENUM(Family, {{Family::Full, "FULL"},
                                      {Family::Diag, "DIAG"},
                                      {Family::Gdpp, "GDPP"},
                                      {Family::Sparse, "SPARSE"},
                                      {Family::Relaxed, "RELAXED"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Norm, {{Norm::Sum, "sum"}, {Norm::Mean, "mean"}})
NLOHMANN_JSON_SERIALIZE_ENUM(NoiseMode, {{NoiseMode::Fixed, "fixed"},
                                         {NoiseMode::Uniform, "uniform"},
                                         {NoiseMode::Categorical, "categorical"}})
NLOHMANN_JSON_SERIALIZE_ENUM(TaskPrior, {{TaskPrior::Identity, "identity"},
                                         {TaskPrior::InverseCovariance, "inverse-covariance"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Covariates, {{Covariates::Gaussian, "gaussian"},
                                          {Covariates::Sphere, "sphere"},
                                          {Covariates::Gamma, "gamma"}})
NLOHMANN_JSON_SERIALIZE_ENUM(OptimizerKind, {{OptimizerKind::Adam, "adam"}, {OptimizerKind::Sgd, "sgd"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Schedule, {{Schedule::Constant, "constant"}, {Schedule::Cosine, "cosine"}, {Schedule::Step, "step"}})

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& what) { throw ModelFileError(what); }

const json& field(const json& j, const char* name, const std::string& where) {
  if (!j.is_object()) bad(where + " is not an object");
  const auto it = j.find(name);
  if (it == j.end()) bad(where + " has no \"" + name + "\"");
  return *it;
}

double number(const json& j, const char* name, const std::string& where) {
  const json& v = field(j, name, where);
  if (!v.is_number())
    bad(where + "." + name + " is not a number" + (v.is_null() ? " (null: NaN or Inf was written)" : ""));
  const double x = v.get<double>();
  if (!std::isfinite(x)) bad(where + "." + name + " is not finite");
  return x;
}

long long integer(const json& j, const char* name, const std::string& where) {
  const json& v = field(j, name, where);
  if (!v.is_number_integer()) bad(where + "." + name + " is not an integer");
  return v.get<long long>();
}

int small_integer(const json& j, const char* name, const std::string& where) {
  const long long v = integer(j, name, where);
  if (v < -2'000'000'000LL || v > 2'000'000'000LL) bad(where + "." + name + " is out of range");
  return static_cast<int>(v);
}

template <class E>
E enumeration(const json& j, const char* name, const std::string& where) {
  const json& v = field(j, name, where);
  if (!v.is_string()) bad(where + "." + name + " is not a string");
  const E e = v.get<E>();
  if (json(e) != v) bad(where + "." + name + " has the unknown value " + v.dump());
  return e;
}

Eigen::VectorXd vector(const json& v, const std::string& where) {
  if (!v.is_array()) bad(where + " is not an array");
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number())
      bad(where + "[" + std::to_string(i) + "] is not a number" +
          (v[i].is_null() ? " (null: NaN or Inf)" : ""));
    out[static_cast<Eigen::Index>(i)] = v[i].get<double>();
    if (!std::isfinite(out[static_cast<Eigen::Index>(i)]))
      bad(where + "[" + std::to_string(i) + "] is not finite");
  }
  return out;
}

json vector_json(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

json matrix_json(const Eigen::MatrixXd& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) rows.push_back(vector_json(m.row(i).transpose()));
  return rows;
}

}  // namespace

json to_json(const TaskDistribution& t) {
  json j = {{"d", t.d},
            {"n", t.n},
            {"prior", t.prior},
            {"covariates", t.covariates},
            {"noise", {{"mode", t.noise.mode}, {"sigma", t.noise.sigma}, {"levels", t.noise.levels}}}};
  j["covariance"] = t.cov.size() ? matrix_json(t.cov) : json(nullptr);
  return j;
}

TaskDistribution task_from_json(const json& j) {
  const std::string w = "task";
  TaskDistribution t;
  t.d = small_integer(j, "d", w);
  t.n = small_integer(j, "n", w);
  t.prior = enumeration<TaskPrior>(j, "prior", w);
  t.covariates = enumeration<Covariates>(j, "covariates", w);
  const json& noise = field(j, "noise", w);
  t.noise.mode = enumeration<NoiseMode>(noise, "mode", w + ".noise");
  t.noise.sigma = number(noise, "sigma", w + ".noise");
  const Eigen::VectorXd levels = vector(field(noise, "levels", w + ".noise"), w + ".noise.levels");
  t.noise.levels.assign(levels.data(), levels.data() + levels.size());
  const json& cov = field(j, "covariance", w);
  if (!cov.is_null()) {
    if (!cov.is_array() || cov.size() != static_cast<std::size_t>(t.d))
      bad("task.covariance is not a d×d array");
    t.cov.resize(t.d, t.d);
    for (int i = 0; i < t.d; ++i) {
      const Eigen::VectorXd row = vector(cov[i], "task.covariance[" + std::to_string(i) + "]");
      if (row.size() != t.d) bad("task.covariance is not a d×d array");
      t.cov.row(i) = row.transpose();
    }
  }
  try {
    t.validate();
  } catch (const std::invalid_argument& e) {
    bad(std::string("task: ") + e.what());
  }
  return t;
}

json to_json(const TrainState& s) {
  const TrainConfig& c = s.config;
  const OptimizerConfig& o = c.optimizer;
  json history = json::array();
  for (const HistoryPoint& p : s.history)
    history.push_back({{"step", p.step},
                       {"train_loss", p.train_loss},
                       {"eval_loss", p.eval_loss},
                       {"grad_norm", p.grad_norm},
                       {"learning_rate", p.learning_rate}});
  json readable = json::array();
  for (const Layer<double>& layer : to_model(c.arch, s.theta).layers) {
    json heads = json::array();
    for (const Head<double>& h : layer.heads)
      heads.push_back({{"P", matrix_json(h.P)}, {"Q", matrix_json(h.Q)}});
    readable.push_back(heads);
  }
  return {{"format", "ltv-model"},
          {"schema_version", kModelSchemaVersion},
          {"architecture",
           {{"family", c.arch.family},
            {"d", c.arch.d},
            {"layers", c.arch.layers},
            {"heads", c.arch.heads},
            {"norm", c.arch.norm}}},
          {"task", to_json(c.task)},
          {"training",
           {{"optimizer",
             {{"kind", o.kind},
              {"lr", o.lr},
              {"beta1", o.beta1},
              {"beta2", o.beta2},
              {"epsilon", o.epsilon},
              {"momentum", o.momentum},
              {"clip", o.clip},
              {"schedule", o.schedule},
              {"warmup", o.warmup},
              {"decay_every", o.decay_every},
              {"clip_per_matrix", o.clip_per_matrix}}},
            {"batch", c.batch},
            {"steps", c.steps},
            {"fresh_every", c.fresh_every},
            {"seed", c.seed},
            {"init_scale", c.init_scale},
            {"eval_size", c.eval_size},
            {"eval_every", c.eval_every},
            {"threads", c.threads}}},
          {"state",
           {{"step", s.optimizer.step},
            {"parameters", vector_json(s.theta)},
            {"moment1", vector_json(s.optimizer.m)},
            {"moment2", vector_json(s.optimizer.v)}}},
          {"history", history},
          {"divergence", s.divergence ? json{{"step", s.divergence->step}, {"reason", s.divergence->reason}}
                                      : json(nullptr)},
          {"parameters_readable", readable}};
}

TrainState train_state_from_json(const json& j) {
  if (!j.is_object()) bad("the document is not a JSON object");
  const json& format = field(j, "format", "the document");
  if (format != "ltv-model") bad("this is not an ltv model file (format " + format.dump() + ")");
  const long long version = integer(j, "schema_version", "the document");
  if (version != kModelSchemaVersion)
    bad("schema version " + std::to_string(version) + " is not supported (this ltv reads version " +
        std::to_string(kModelSchemaVersion) + ")");
  TrainState s;
  TrainConfig& c = s.config;
  const json& a = field(j, "architecture", "the document");
  c.arch.family = enumeration<Family>(a, "family", "architecture");
  c.arch.d = small_integer(a, "d", "architecture");
  c.arch.layers = small_integer(a, "layers", "architecture");
  c.arch.heads = small_integer(a, "heads", "architecture");
  c.arch.norm = enumeration<Norm>(a, "norm", "architecture");
  c.task = task_from_json(field(j, "task", "the document"));
  const json& t = field(j, "training", "the document");
  const json& o = field(t, "optimizer", "training");
  const std::string wo = "training.optimizer";
  c.optimizer.kind = enumeration<OptimizerKind>(o, "kind", wo);
  c.optimizer.lr = number(o, "lr", wo);
  c.optimizer.beta1 = number(o, "beta1", wo);
  c.optimizer.beta2 = number(o, "beta2", wo);
  c.optimizer.epsilon = number(o, "epsilon", wo);
  c.optimizer.momentum = number(o, "momentum", wo);
  c.optimizer.clip = number(o, "clip", wo);
  c.optimizer.schedule = enumeration<Schedule>(o, "schedule", wo);
  c.optimizer.warmup = small_integer(o, "warmup", wo);
  // Files written before the step schedule and per-matrix clipping existed have neither field.
  if (o.contains("decay_every")) c.optimizer.decay_every = integer(o, "decay_every", wo);
  if (o.contains("clip_per_matrix")) {
    if (!o.at("clip_per_matrix").is_boolean()) bad(wo + ".clip_per_matrix is not true or false");
    c.optimizer.clip_per_matrix = o.at("clip_per_matrix").get<bool>();
  }
  c.batch = small_integer(t, "batch", "training");
  c.steps = integer(t, "steps", "training");
  c.fresh_every = small_integer(t, "fresh_every", "training");
  const json& seed = field(t, "seed", "training");
  if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<long long>() >= 0))
    bad("training.seed is not a non-negative integer");
  c.seed = seed.get<std::uint64_t>();
  c.init_scale = number(t, "init_scale", "training");
  c.eval_size = small_integer(t, "eval_size", "training");
  c.eval_every = integer(t, "eval_every", "training");
  c.threads = small_integer(t, "threads", "training");
  try {
    c.validate();
  } catch (const std::invalid_argument& e) {
    bad(std::string("the configuration is invalid: ") + e.what());
  }
  const json& st = field(j, "state", "the document");
  s.optimizer.step = integer(st, "step", "state");
  if (s.optimizer.step < 0 || s.optimizer.step > c.steps) bad("state.step is outside 0..training.steps");
  s.theta = vector(field(st, "parameters", "state"), "state.parameters");
  if (s.theta.size() != c.arch.parameter_count())
    bad("state.parameters has " + std::to_string(s.theta.size()) + " entries, the architecture needs " +
        std::to_string(c.arch.parameter_count()));
  s.optimizer.m = vector(field(st, "moment1", "state"), "state.moment1");
  s.optimizer.v = vector(field(st, "moment2", "state"), "state.moment2");
  for (const auto* m : {&s.optimizer.m, &s.optimizer.v})
    if (m->size() != 0 && m->size() != s.theta.size())
      bad("the optimizer moments do not match the parameters");
  const json& h = field(j, "history", "the document");
  if (!h.is_array()) bad("history is not an array");
  for (std::size_t i = 0; i < h.size(); ++i) {
    const std::string w = "history[" + std::to_string(i) + "]";
    HistoryPoint p;
    p.step = integer(h[i], "step", w);
    p.train_loss = number(h[i], "train_loss", w);
    p.eval_loss = number(h[i], "eval_loss", w);
    p.grad_norm = number(h[i], "grad_norm", w);
    p.learning_rate = number(h[i], "learning_rate", w);
    s.history.push_back(p);
  }
  // Files written before divergence was recorded have no "divergence": they did not diverge.
  if (const auto d = j.find("divergence"); d != j.end() && !d->is_null()) {
    const long long step = integer(*d, "step", "divergence");
    const json& reason = field(*d, "reason", "divergence");
    if (!reason.is_string()) bad("divergence.reason is not a string");
    s.divergence = Divergence{step, reason.get<std::string>()};
  }
  return s;
}

std::uintmax_t expected_model_file_bytes(const TrainState& state) {
  const TrainConfig& c = state.config;
  const long long evaluations_left = (c.steps - state.step()) / c.eval_every + 1;
  // One history entry at its longest: shortest round-trip doubles take at most 24 characters.
  const double longest = -1.2345678901234567e-300;
  const json entry = {{"step", c.steps},
                      {"train_loss", longest},
                      {"eval_loss", longest},
                      {"grad_norm", longest},
                      {"learning_rate", longest}};
  return to_json(state).dump(1).size() +
         static_cast<std::uintmax_t>(evaluations_left) * (entry.dump(1).size() + 16);  // + indentation
}

void save_model_file(const std::filesystem::path& path, const TrainState& state) {
  write_file_atomically(path, to_json(state).dump(1) + "\n");
}

TrainState parse_model_file(const std::string& text, const std::string& name) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // a syntax error, or a number out of double's range (1e3080)
    throw ModelFileError(name + ": not valid JSON (truncated or corrupted?): " + e.what());
  }
  try {
    return train_state_from_json(j);
  } catch (const ModelFileError& e) {
    throw ModelFileError(name + ": " + e.what());
  } catch (const json::exception& e) {
    throw ModelFileError(name + ": malformed model file: " + e.what());
  }
}

TrainState load_model_file(const std::filesystem::path& path) {
  return parse_model_file(read_input_file<ModelFileError>(path), path.string());
}

}  // namespace ltv
