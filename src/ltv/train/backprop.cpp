// The hand-derived reverse pass (backprop.hpp). The kernel is a template on its matrix size N:
// for the small D = d+1 of the papers (D <= 16) fixed-size N×N matrices with N = D rounded up to a
// multiple of 4, zero-padded (the padding stays exactly zero through every product, so the results
// are those of the D×D computation), multiplied coefficient-wise (lazyProduct: no GEMM packing,
// full vector width); dynamic D×D matrices beyond.
#include "ltv/train/backprop.hpp"

#include <stdexcept>

namespace ltv {
namespace {

/// a·b: coefficient-wise for fixed sizes, Eigen's GEMM for dynamic ones.
template <int N, class A, class B>
auto mul(const A& a, const B& b) {
  if constexpr (N == Eigen::Dynamic)
    return a * b;
  else
    return a.lazyProduct(b);
}

template <int N>
class Kernel {
 public:
  using M = Eigen::Matrix<double, N, N>;
  using Vec = Eigen::Matrix<double, N, 1>;

  Kernel(const Model<double>& model, double c)
      : D_(model.d + 1),
        S_(N == Eigen::Dynamic ? D_ : N),
        L_(model.num_layers()),
        H_(static_cast<int>(model.layers.front().heads.size())),
        c_(c) {
    for (const auto& layer : model.layers) {
      if (static_cast<int>(layer.heads.size()) != H_)
        throw std::invalid_argument("the training kernel needs the same number of heads in every layer");
      for (const auto& head : layer.heads) {
        P_.push_back(padded(head.P));
        Q_.push_back(padded(head.Q));
      }
    }
    T_.assign(L_ + 1, zero());
    TG0_.assign(L_, zero());
    G_.assign(L_, zero());
    K_.assign(L_, zero());
    PG_.assign(L_ * H_, zero());
    GQ_.assign(L_ * H_, zero());
    G0_ = zero();
    pG_.assign(H_, Vec::Zero(S_));
  }

  M zero() const { return M::Zero(S_, S_); }

  /// The D×D matrix m in the top-left corner of a zero S×S one.
  M padded(const Eigen::Ref<const Eigen::MatrixXd>& m) const {
    M out = zero();
    out.topLeftCorner(D_, D_) = m;
    return out;
  }

  /// ŷ for one sequence; keeps what the backward pass needs when `for_gradient`.
  double forward(const double* gram, const double* xq, bool for_gradient) {
    G0_.topLeftCorner(D_, D_) = Eigen::Map<const Eigen::MatrixXd>(gram, D_, D_);
    T_[0].setIdentity(S_, S_);
    for (int l = 0; l + 1 < L_; ++l) {
      TG0_[l].noalias() = mul<N>(T_[l], G0_);
      G_[l].noalias() = mul<N>(TG0_[l], T_[l].transpose());
      K_[l].setZero(S_, S_);
      for (int h = 0; h < H_; ++h) {
        const int i = l * H_ + h;
        PG_[i].noalias() = mul<N>(P_[i], G_[l]);
        K_[l].noalias() += mul<N>(PG_[i], Q_[i]);
        if (for_gradient) GQ_[i].noalias() = mul<N>(G_[l], Q_[i]);
      }
      K_[l] *= c_;
      T_[l + 1] = T_[l];
      T_[l + 1].noalias() += mul<N>(K_[l], T_[l]);
    }
    // The last layer: only the query's label is read, so only the last row of K^{L−1} is needed,
    // ŷ = −(e_Dᵀ T + kᵀ T) x̃ with kᵀ = c Σ_h (e_Dᵀ P_h G) Q_h — vector products instead of matrix ones.
    const int l = L_ - 1;
    TG0_[l].noalias() = mul<N>(T_[l], G0_);
    G_[l].noalias() = mul<N>(TG0_[l], T_[l].transpose());
    x_.setZero(S_);
    x_.head(D_ - 1) = Eigen::Map<const Eigen::VectorXd>(xq, D_ - 1);
    Tx_.noalias() = T_[l] * x_;
    k_.setZero(S_);
    for (int h = 0; h < H_; ++h) {
      pG_[h].noalias() = G_[l] * P_[l * H_ + h].row(D_ - 1).transpose();  // (e_Dᵀ P G)ᵀ, G symmetric
      k_.noalias() += Q_[l * H_ + h].transpose() * pG_[h];
    }
    k_ *= c_;
    return -(Tx_[D_ - 1] + k_.dot(Tx_));
  }

  /// Adds r·∂ŷ/∂(P, Q) into (dP, dQ), after forward(·, ·, true) on the same sequence.
  void backward(double r, std::vector<M>& dP, std::vector<M>& dQ, ReversePass pass) {
    // The last layer, where T̄^L = −r e_D x̃ᵀ is rank one: K̄ = −r e_D (T x̃)ᵀ, and every term below
    // is an outer product of vectors.
    const int top = L_ - 1;
    const Vec w = Tx_;  // T^{L−1} x̃
    Vec e = Vec::Zero(S_);
    e[D_ - 1] = 1;
    M Tbar = -r * (e + k_) * x_.transpose();  // T̄^{L−1} = (I + K)ᵀ T̄^L, (Kᵀ e_D = k)
    for (int h = 0; h < H_; ++h) {
      const int i = top * H_ + h;
      const Vec Qw = Q_[i] * w;
      dP[i].row(D_ - 1).noalias() += (-r * c_) * (G_[top] * Qw).transpose();  // c K̄ (G Q)ᵀ
      dQ[i].noalias() += (-r * c_) * pG_[h] * w.transpose();                  // c (P G)ᵀ K̄
      if (pass == ReversePass::HandDerived) {  // Ḡ = c Σ Pᵀ K̄ Qᵀ = a bᵀ; T̄ += (Ḡ + Ḡᵀ) T G⁰
        const Vec a = (-r * c_) * P_[i].row(D_ - 1).transpose();
        Tbar.noalias() += a * (TG0_[top].transpose() * Qw).transpose();
        Tbar.noalias() += Qw * (TG0_[top].transpose() * a).transpose();
      }
    }
    M next = zero(), Kbar = zero(), Gbar = zero();
    for (int l = L_ - 2; l >= 0; --l) {
      Kbar.noalias() = mul<N>(Tbar, T_[l].transpose());
      next = Tbar;
      next.noalias() += mul<N>(K_[l].transpose(), Tbar);
      Gbar.setZero(S_, S_);
      const M cKbar = c_ * Kbar;
      for (int h = 0; h < H_; ++h) {
        const int i = l * H_ + h;
        dP[i].noalias() += mul<N>(cKbar, GQ_[i].transpose());
        dQ[i].noalias() += mul<N>(PG_[i].transpose(), cKbar);
        const M KQ = mul<N>(cKbar, Q_[i].transpose());
        Gbar.noalias() += mul<N>(P_[i].transpose(), KQ);
      }
      if (pass == ReversePass::HandDerived) {
        const M sym = Gbar + Gbar.transpose();
        next.noalias() += mul<N>(sym, TG0_[l]);
      }
      Tbar = next;
    }
  }

  int blocks() const { return L_ * H_; }

 private:
  int D_, S_, L_, H_;
  double c_;
  std::vector<M> P_, Q_;
  std::vector<M> T_, TG0_, G_, K_, PG_, GQ_;
  M G0_;
  Vec x_, Tx_, k_;       ///< x̃, T^{L−1} x̃ and the last row of K^{L−1}
  std::vector<Vec> pG_;  ///< per head of the last layer: (e_Dᵀ P_h G^{L−1})ᵀ
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
      kernel.backward(2 * e / batch.size, dP[worker], dQ[worker], pass);
    }
    partial[worker] = sum;
  });
  const int H = static_cast<int>(model.layers.front().heads.size());
  gradient.assign(model.num_layers(), std::vector<Head<double>>(H));
  for (int l = 0; l < model.num_layers(); ++l)
    for (int h = 0; h < H; ++h) {
      Head<double>& g = gradient[l][h];
      M sum_P = dP[0][l * H + h], sum_Q = dQ[0][l * H + h];
      for (int w = 1; w < workers; ++w) {
        if (dP[w].empty()) continue;
        sum_P += dP[w][l * H + h];
        sum_Q += dQ[w][l * H + h];
      }
      g.P = sum_P.topLeftCorner(model.d + 1, model.d + 1);
      g.Q = sum_Q.topLeftCorner(model.d + 1, model.d + 1);
    }
  double total = 0;
  for (const double p : partial) total += p;
  return batch.size ? total / batch.size : 0.0;
}

/// Calls f.template operator()<N>() with the padded fixed size N for D <= 16, Dynamic beyond.
template <class F>
decltype(auto) dispatch(int D, F&& f) {
  if (D <= 4) return f.template operator()<4>();
  if (D <= 8) return f.template operator()<8>();
  if (D <= 12) return f.template operator()<12>();
  if (D <= 16) return f.template operator()<16>();
  return f.template operator()<Eigen::Dynamic>();
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
