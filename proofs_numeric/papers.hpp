#pragma once
// The conventions each paper states, with where it states them (docs/papers.md has the same table
// with its sources). An obligation's printed form is read under its paper's conventions; a second
// form of role "convention" names one of these and the place the paper uses it.
#include "ltv/verify/result.hpp"

#include <vector>

namespace ltv::proofs {

// V24 — Vladymyrov, von Oswald, Sandler, Ge (NeurIPS 2024).
inline const Convention kV24Tokens{"tokens", "$e_i = (x_i, y_i) ∈ \\mathbb{R}^{d+1}$, query $e_{n+1} = (x_t, 0)$",
                                   "V24 §2.1 (p. 2–3)"};
inline const Convention kV24Layer{"attention",
                                  "$e_i ← e_i + \\sum_h P_h \\sum_{j ≤ n} e_j e_j^⊤ Q_h e_i$; keys and values from the n "
                                  "context tokens, every token (the query too) updated",
                                  "V24 §2.1, eqs. (1)–(3); App. A.1"};
inline const Convention kV24Normalisation{"normalisation", "$c = 1$: plain sums $Σ = \\sum_i x_i x_i^⊤$, $α$, $λ$",
                                          "not stated in one place; implied by Lemma A.2 and §5.2 (“Σ ≈ nI”)"};
inline const Convention kV24Readout{"readout", "$\\hat y = -y^L_{n+1}$", "V24 §2.1 (p. 3) and footnote 2"};
inline const Convention kV24Omegas{"ω's",
                                   "DIAG heads $P = diag(p_x I, p_y)$, $Q = diag(q_x I, q_y)$; $ω_{xx} = \\sum_h p_x q_x$, "
                                   "$ω_{xy} = \\sum_h p_x q_y$, $ω_{yx} = \\sum_h p_y q_x$, $ω_{yy} = \\sum_h p_y q_y$; no sign "
                                   "absorbed ($c^l = +ω_{yx} α^l$)",
                                   "V24 §5, eqs. (9)–(10); block identities in App. A.2 (p. 15)"};

// A23 — Ahn, Cheng, Daneshmand, Sra (NeurIPS 2023).
inline const Convention kA23Tokens{"tokens", "$Z_0 = [x^{(i)}; y^{(i)}]_{i ≤ n}$, last column $(x^{(n+1)}, 0)$", "A23 §2, eq. (1)"};
inline const Convention kA23Layer{"attention", "$Z ← Z + \\frac1n P Z M (Z^⊤ Q Z)$, $M = diag(I_n, 0)$",
                                  "A23 §2, eqs. (3)–(4); orientation confirmed in App. A.4"};
inline const Convention kA23Readout{"readout", "$\\hat y = -[Z_L]_{d+1, n+1}$", "A23 §2 (p. 3)"};
inline const Convention kA23Sparse{"SPARSE family", "$P = diag(0, 1)$, $Q = -diag(A_l, 0)$", "A23 §4, eq. (8)"};
inline const Convention kA23Relaxed{"RELAXED family", "$P = diag(B_l, 1)$, $Q = diag(A_l, 0)$", "A23 §5, eq. (11)"};
/// A23's public code computes each attention score as z_nᵀ Q z_m with n the updated token: the
/// paper's formula with Qᵀ.
inline const Convention kCodeAttention{"attention in A23's code",
                                       "scores $z_n^⊤ Q z_m$ for the updated token n: the formula with $Q^⊤$",
                                       "A23's public code, linear_transformer.py lines 43 and 47"};

inline std::vector<Convention> v24_conventions() { return {kV24Tokens, kV24Layer, kV24Normalisation, kV24Readout}; }
inline std::vector<Convention> a23_conventions() { return {kA23Tokens, kA23Layer, kA23Readout}; }

}  // namespace ltv::proofs
