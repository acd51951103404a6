// The hand-derived reverse pass (backprop.hpp). The kernel is a template on the token dimension
// D = d+1: fixed-size Eigen matrices for the small D of the papers (d <= 11), dynamic beyond.
#include "ltv/train/backprop.hpp"

#include <stdexcept>

namespace ltv {
namespace {

template <int N>
class Kernel {
 public:
  using M = Eigen::Matrix<double, N, N>;

  Kernel(const Model<double>& model, double c)
      : D_(model.d + 1),
        L_(model.num_layers()),
        H_(static_cast<int>(model.layers.front().heads.size())),
        c_(c) {
    for (const auto& layer : model.layers) {
      if (static_cast<int>(layer.heads.size()) != H_)
        throw std::invalid_argument("the training kernel needs the same number of heads in every layer");
      for (const auto& head : layer.heads) {
        P_.push_back(head.P);
        Q_.push_back(head.Q);
      }
    }
    T_.assign(L_ + 1, zero());
    TG0_.assign(L_, zero());
    G_.assign(L_, zero());
    K_.assign(L_, zero());
    PG_.assign(L_ * H_, zero());
    GQ_.assign(L_ * H_, zero());
    G0_ = zero();
  }

  M zero() const { return M::Zero(D_, D_); }

  /// ŷ for one sequence; keeps what the backward pass needs when `for_gradient`.
  double forward(const double* gram, const double* xq, bool for_gradient) {
    G0_ = Eigen::Map<const M>(gram, D_, D_);
    T_[0].setIdentity(D_, D_);
    for (int l = 0; l < L_; ++l) {
      TG0_[l].noalias() = T_[l] * G0_;
      G_[l].noalias() = TG0_[l] * T_[l].transpose();
      K_[l].setZero(D_, D_);
      for (int h = 0; h < H_; ++h) {
        const int i = l * H_ + h;
        PG_[i].noalias() = P_[i] * G_[l];
        K_[l].noalias() += PG_[i] * Q_[i];
        if (for_gradient) GQ_[i].noalias() = G_[l] * Q_[i];
      }
      K_[l] *= c_;
      T_[l + 1] = T_[l];
      T_[l + 1].noalias() += K_[l] * T_[l];
    }
    return -T_[L_].row(D_ - 1).head(D_ - 1).dot(Eigen::Map<const Eigen::VectorXd>(xq, D_ - 1));
  }

  /// Adds r·∂ŷ/∂(P, Q) into (dP, dQ), after forward(·, ·, true) on the same sequence.
  void backward(double r, const double* xq, std::vector<M>& dP, std::vector<M>& dQ, ReversePass pass) {
    M Tbar = zero(), next = zero(), Kbar = zero(), Gbar = zero();
    Tbar.row(D_ - 1).head(D_ - 1) = -r * Eigen::Map<const Eigen::VectorXd>(xq, D_ - 1).transpose();
    for (int l = L_ - 1; l >= 0; --l) {
      Kbar.noalias() = Tbar * T_[l].transpose();
      next = Tbar;
      next.noalias() += K_[l].transpose() * Tbar;
      Gbar.setZero(D_, D_);
      for (int h = 0; h < H_; ++h) {
        const int i = l * H_ + h;
        dP[i].noalias() += c_ * Kbar * GQ_[i].transpose();
        dQ[i].noalias() += c_ * PG_[i].transpose() * Kbar;
        const M KQ = Kbar * Q_[i].transpose();
        Gbar.noalias() += P_[i].transpose() * KQ;
      }
      Gbar *= c_;
      if (pass == ReversePass::HandDerived) next.noalias() += (Gbar + Gbar.transpose()) * TG0_[l];
      Tbar = next;
    }
  }

  int blocks() const { return L_ * H_; }

 private:
  int D_, L_, H_;
  double c_;
  std::vector<M> P_, Q_;
  std::vector<M> T_, TG0_, G_, K_, PG_, GQ_;
  M G0_;
};

void check_batch(const Model<double>& model, const StatisticsBatch& batch) {
  model.validate();
  if (model.layers.empty()) throw std::invalid_argument("the model has no layers");
  if (batch.d != model.d)
    throw std::invalid_argument("the batch has d = " + std::to_string(batch.d) +
                                ", the model d = " + std::to_string(model.d));
}

/// The attention scale of the batch's sequences (they all have the same n).
double scale_of(const Model<double>& model, int n) { return attention_scale<double>(model.norm, n); }

template <int N>
double loss_impl(const Model<double>& model, const StatisticsBatch& batch, int n, int threads,
                 std::vector<double>* errors, std::vector<double>* predictions) {
  std::vector<double> partial(std::max(threads, 1), 0.0);
  if (errors) errors->assign(batch.size, 0.0);
  if (predictions) predictions->assign(batch.size, 0.0);
  parallel_slices(batch.size, threads, [&](int begin, int end, int worker) {
    Kernel<N> kernel(model, scale_of(model, n));
    double sum = 0;
    for (int b = begin; b < end; ++b) {
      const double y = kernel.forward(batch.gram(b), batch.query(b), false);
      const double e = (y - batch.targets[b]) * (y - batch.targets[b]);
      if (errors) (*errors)[b] = e;
      if (predictions) (*predictions)[b] = y;
      sum += e;
    }
    partial[worker] = sum;
  });
  double total = 0;
  for (const double p : partial) total += p;
  return batch.size ? total / batch.size : 0.0;
}

template <int N>
double gradient_impl(const Model<double>& model, const StatisticsBatch& batch, int n, HeadGradients& gradient,
                     int threads, ReversePass pass) {
  using M = typename Kernel<N>::M;
  const int workers = std::max(1, std::min(threads, std::max(batch.size, 1)));
  std::vector<double> partial(workers, 0.0);
  std::vector<std::vector<M>> dP(workers), dQ(workers);
  parallel_slices(batch.size, workers, [&](int begin, int end, int worker) {
    Kernel<N> kernel(model, scale_of(model, n));
    dP[worker].assign(kernel.blocks(), kernel.zero());
    dQ[worker].assign(kernel.blocks(), kernel.zero());
    double sum = 0;
    for (int b = begin; b < end; ++b) {
      const double y = kernel.forward(batch.gram(b), batch.query(b), true);
      const double e = y - batch.targets[b];
      sum += e * e;
      kernel.backward(2 * e / batch.size, batch.query(b), dP[worker], dQ[worker], pass);
    }
    partial[worker] = sum;
  });
  const int H = static_cast<int>(model.layers.front().heads.size());
  gradient.assign(model.num_layers(), std::vector<Head<double>>(H));
  for (int l = 0; l < model.num_layers(); ++l)
    for (int h = 0; h < H; ++h) {
      Head<double>& g = gradient[l][h];
      g.P = dP[0][l * H + h];
      g.Q = dQ[0][l * H + h];
      for (int w = 1; w < workers; ++w) {
        if (dP[w].empty()) continue;
        g.P += dP[w][l * H + h];
        g.Q += dQ[w][l * H + h];
      }
    }
  double total = 0;
  for (const double p : partial) total += p;
  return batch.size ? total / batch.size : 0.0;
}

/// Calls f.template operator()<N>() with the fixed size N = D when there is one.
template <class F>
decltype(auto) dispatch(int D, F&& f) {
  switch (D) {
    case 2:
      return f.template operator()<2>();
    case 3:
      return f.template operator()<3>();
    case 4:
      return f.template operator()<4>();
    case 5:
      return f.template operator()<5>();
    case 6:
      return f.template operator()<6>();
    case 7:
      return f.template operator()<7>();
    case 8:
      return f.template operator()<8>();
    case 9:
      return f.template operator()<9>();
    case 10:
      return f.template operator()<10>();
    case 11:
      return f.template operator()<11>();
    case 12:
      return f.template operator()<12>();
    default:
      return f.template operator()<Eigen::Dynamic>();
  }
}

}  // namespace

double batch_loss(const Model<double>& model, const StatisticsBatch& batch, int threads,
                  std::vector<double>* per_sequence) {
  check_batch(model, batch);
  return dispatch(model.d + 1, [&]<int N>() {
    return loss_impl<N>(model, batch, batch.n, threads, per_sequence, nullptr);
  });
}

std::vector<double> batch_predictions(const Model<double>& model, const StatisticsBatch& batch, int threads) {
  check_batch(model, batch);
  std::vector<double> out;
  dispatch(model.d + 1, [&]<int N>() { return loss_impl<N>(model, batch, batch.n, threads, nullptr, &out); });
  return out;
}

double batch_loss_and_gradient(const Model<double>& model, const StatisticsBatch& batch,
                               HeadGradients& gradient, int threads, ReversePass pass) {
  check_batch(model, batch);
  return dispatch(model.d + 1,
                  [&]<int N>() { return gradient_impl<N>(model, batch, batch.n, gradient, threads, pass); });
}

}  // namespace ltv
