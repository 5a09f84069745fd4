// Rank through layers (the seed notebook's sections 6–7 and exercises 2–3): random data
// through a stack of linear and ReLU layers with a 4-wide bottleneck; numerical, effective and
// stable rank per layer; the spectra of random versus trained layers; and the null space of a
// layer as the invariance it creates.
#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include <Eigen/SVD>
#include <nullity/nullity.hpp>

#include "bodies.hpp"
#include "bounds.hpp"
#include "checks.hpp"
#include "figure_data.hpp"
#include "gaussian.hpp"
#include <nullity/spectral_measures.hpp>

namespace nullity_examples {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using nullity::effective_rank;
using nullity::stable_rank;

Eigen::MatrixXd relu(const MatrixXd& M) { return M.cwiseMax(0.0); }

VectorXd singular_values(const MatrixXd& M) { return Eigen::JacobiSVD<MatrixXd>(M).singularValues(); }

/// Layers W_k ∈ R^{width_{k+1} × width_k} with N(0, 1/width_k) entries (LeCun scaling, which
/// keeps the activations' scale from layer to layer).
std::vector<MatrixXd> random_layers(Gaussian& g, const std::vector<Index>& widths) {
  std::vector<MatrixXd> W;
  for (std::size_t k = 0; k + 1 < widths.size(); ++k)
    W.push_back(g.matrix(widths[k + 1], widths[k], 1 / std::sqrt(double(widths[k]))));
  return W;
}

struct Activations {
  std::vector<MatrixXd> pre;   ///< H_{k-1} W_kᵀ
  std::vector<MatrixXd> post;  ///< after the activation (ReLU on hidden layers, or none)
};

/// Rows of X are samples; ReLU (if asked) on every layer but the last.
Activations forward(const MatrixXd& X, const std::vector<MatrixXd>& W, bool use_relu) {
  Activations a;
  MatrixXd H = X;
  for (std::size_t k = 0; k < W.size(); ++k) {
    a.pre.push_back(H * W[k].transpose());
    H = use_relu && k + 1 < W.size() ? relu(a.pre.back()) : a.pre.back();
    a.post.push_back(H);
  }
  return a;
}

/// The rank table of one stack; returns the rows for the figure (layer, rank, effective rank,
/// stable rank of the layer's output).
MatrixXd rank_table(std::ostream& out, Checks& check, const MatrixXd& X, const std::vector<MatrixXd>& W,
                    bool use_relu) {
  const Activations a = forward(X, W, use_relu);
  out << "  layer  map        rank W  rank(pre)  rank(out)  effective rank  stable rank\n";
  const VectorXd s0 = singular_values(X);
  out << "  input  -          -       -          " << nullity::rank(X) << "         " << fmt(effective_rank(s0), 4)
      << "           " << fmt(stable_rank(s0), 4) << '\n';
  MatrixXd rows(Index(W.size()) + 1, 4);
  rows.row(0) << 0, double(nullity::rank(X)), effective_rank(s0), stable_rank(s0);
  Index previous = nullity::rank(X);
  // Weyl bound on σ_5 of the computed linear-stack activations after the bottleneck: the
  // exact product of the (exactly N×4) bottleneck output with later layers has rank ≤ 4, and
  // the computed one differs from it by the accumulated rounding F_k of the products,
  // ‖F_k‖ ≤ ‖F_{k-1}‖‖W_k‖₂ + γ_{width}‖H_{k-1}‖_F‖W_k‖_F (Higham 3.12).
  double rounding = 0;
  bool after_bottleneck = false;
  for (std::size_t k = 0; k < W.size(); ++k) {
    const Index rw = nullity::rank(W[k]), rpre = nullity::rank(a.pre[k]), rpost = nullity::rank(a.post[k]);
    const VectorXd s = singular_values(a.post[k]);
    const std::string map = std::to_string(W[k].cols()) + "->" + std::to_string(W[k].rows()) +
                            (use_relu && k + 1 < W.size() ? "+relu" : "");
    out << "  " << k + 1 << "      " << map << std::string(11 - std::min<std::size_t>(map.size(), 10), ' ') << rw
        << "       " << rpre << (rpre < 10 ? " " : "") << "         " << rpost << (rpost < 10 ? " " : "")
        << "        " << fmt(effective_rank(s), 4) << "           " << fmt(stable_rank(s), 4) << '\n';
    rows.row(Index(k) + 1) << double(k + 1), double(rpost), effective_rank(s), stable_rank(s);
    check.at_most("layer " + std::to_string(k + 1) + ": rank(H W^T) - min(rank H, rank W)",
                  double(rpre - std::min(previous, rw)), 0, "rank(AB) <= min(rank A, rank B)");
    if (!use_relu) {
      if (after_bottleneck) {
        const MatrixXd& H = a.post[k - 1];
        rounding = rounding * singular_values(W[k])(0) + bounds::gamma(double(W[k].cols())) * H.norm() * W[k].norm();
        check.at_most("layer " + std::to_string(k + 1) + ": sigma_5 of the activations", s.size() > 4 ? s(4) : 0.0,
                      rounding, "Weyl: exact rank <= 4 after the bottleneck, plus accumulated rounding (Higham 3.12)");
      }
      after_bottleneck = after_bottleneck || W[k].rows() <= 4;
    }
    previous = rpost;
  }
  return rows;
}

/// Exercise 2: a small ReLU network trained by plain gradient descent on a rank-2 linear task.
/// Returns the loss before and after.
struct Training {
  MatrixXd W1_random, W2_random, W1, W2;
  double loss_before = 0, loss_after = 0;
};

double loss(const MatrixXd& X, const MatrixXd& Y, const MatrixXd& W1, const MatrixXd& W2) {
  return (relu(X * W1.transpose()) * W2.transpose() - Y).squaredNorm() / (2 * double(X.rows()));
}

Training train(Gaussian& g) {
  constexpr Index samples = 256, in = 16, hidden = 32, steps = 3000;
  constexpr double step = 0.05;  // a learning rate: a modelling choice, not a tolerance
  const MatrixXd X = g.matrix(samples, in);
  const MatrixXd T = g.matrix(in, 2) * g.matrix(2, in) / std::sqrt(double(in));  // the rank-2 teacher
  const MatrixXd Y = X * T.transpose();
  Training t;
  t.W1 = t.W1_random = g.matrix(hidden, in, 1 / std::sqrt(double(in)));
  t.W2 = t.W2_random = g.matrix(in, hidden, 1 / std::sqrt(double(hidden)));
  t.loss_before = loss(X, Y, t.W1, t.W2);
  for (Index it = 0; it < steps; ++it) {
    // loss = ‖relu(X W1ᵀ) W2ᵀ − Y‖_F² / 2N and its gradient by the chain rule.
    const MatrixXd pre = X * t.W1.transpose();
    const MatrixXd H = relu(pre);
    const MatrixXd R = (H * t.W2.transpose() - Y) / double(samples);
    const MatrixXd dW2 = R.transpose() * H;
    const MatrixXd dpre = (R * t.W2).cwiseProduct((pre.array() > 0).cast<double>().matrix());
    t.W1 -= step * dpre.transpose() * X;
    t.W2 -= step * dW2;
  }
  t.loss_after = loss(X, Y, t.W1, t.W2);
  return t;
}

/// Fraction of ‖W‖_F² in the top k singular values.
double top_energy(const VectorXd& s, Index k) { return s.head(k).squaredNorm() / s.squaredNorm(); }

void trained_versus_random(std::ostream& out, Checks& check, Gaussian& g) {
  const Training t = train(g);
  out << "\nExercise 2: a 16->32(relu)->16 network trained by gradient descent (3000 steps, rate 0.05) on\n"
      << "y = T x with T of rank 2; loss " << fmt(t.loss_before, 4) << " -> " << fmt(t.loss_after, 4) << '\n';
  check.holds("training lowered the loss", t.loss_after < t.loss_before, "gradient descent with a small step");
  const VectorXd r2 = singular_values(t.W2_random), s2 = singular_values(t.W2);
  const VectorXd r1 = singular_values(t.W1_random), s1 = singular_values(t.W1);
  out << "  layer        top-2 energy  effective rank  stable rank  singular values (first 6)\n";
  const auto line = [&](const char* name, const VectorXd& s) {
    out << "  " << name << "  " << fmt(100 * top_energy(s, 2), 3) << "%         " << fmt(effective_rank(s), 4)
        << "           " << fmt(stable_rank(s), 4) << "        ";
    for (Index i = 0; i < 6; ++i) out << fmt(s(i), 3) << ' ';
    out << '\n';
  };
  line("W2 random ", r2);
  line("W2 trained", s2);
  line("W1 random ", r1);
  line("W1 trained", s1);
  check.holds("the trained output layer's spectrum is more concentrated than at initialization (top-2 energy)",
              top_energy(s2, 2) > top_energy(r2, 2), "the task has rank 2: training aligns W2 with col(T)");
  MatrixXd spectra(s2.size(), 5);
  for (Index i = 0; i < s2.size(); ++i) spectra.row(i) << double(i + 1), r2(i), s2(i), r1(i), s1(i);
  write_figure_data("layers_spectra", {"index", "W2_random", "W2_trained", "W1_random", "W1_trained"}, spectra);
}

/// Section 7 of the seed: the null space of a layer is an invariance of everything after it.
void null_space_invariance(std::ostream& out, Checks& check, const MatrixXd& X, const std::vector<MatrixXd>& W,
                           Gaussian& g) {
  const MatrixXd& B = W[1];  // the 32 -> 4 bottleneck
  const auto f = nullity::factorize(B);
  const MatrixXd Z = f.null_space();
  const Activations a = forward(X, W, true);
  const VectorXd h = a.post[0].row(0).transpose();  // one sample's input to the bottleneck
  const VectorXd c = g.vector(Z.cols(), 10);        // a large move inside ker B
  const VectorXd moved = h + Z * c;
  const VectorXd out0 = B * h, out1 = B * moved;
  out << "\nNull space as invariance: the bottleneck layer B (4x32) has rank " << f.rank() << " and nullity "
      << f.nullity() << ";\n  moving its input h by Zc with ||Zc|| = " << fmt((Z * c).norm(), 4)
      << " changes its output by " << fmt((out1 - out0).norm()) << '\n';
  const double E = bounds::svd_backward_error(B);
  check.at_most("||B(h + Zc) - Bh||", (out1 - out0).norm(),
                bounds::null_residual_bound(E) * c.norm() + bounds::product_error(B, moved.norm()) +
                    bounds::product_error(B, h.norm()) +
                    B.norm() * (bounds::product_error(Z, c.norm()) + bounds::unit_roundoff() * moved.norm()),
                "Weyl: ||B Z|| <= 2||E||; rounding of B h, B(h+Zc) and h+Zc (Higham 3.12)");
  // Downstream, the network sees the same 4 numbers: its output differs only by rounding.
  const MatrixXd& W3 = W[2];
  const MatrixXd& W4 = W[3];
  const VectorXd y0 = W4 * relu(W3 * relu(out0)), y1 = W4 * relu(W3 * relu(out1));
  out << "  and the network's final output by " << fmt((y1 - y0).norm()) << " (the layers after it see the same 4 numbers)\n";
}

}  // namespace

bool layers(std::ostream& out) {
  Checks check(out);
  Gaussian g(20261122);
  const std::vector<Index> widths = {16, 32, 4, 32, 16};
  const MatrixXd X = g.matrix(256, 16);  // 256 samples of 16 features
  const std::vector<MatrixXd> W = random_layers(g, widths);

  out << "256 random samples through layers 16 -> 32 -> 4 -> 32 -> 16 (numerical rank with NumPy's tolerance)\n"
      << "Linear layers:\n";
  const MatrixXd linear = rank_table(out, check, X, W, false);
  out << "The same layers with ReLU between them:\n";
  const MatrixXd with_relu = rank_table(out, check, X, W, true);
  out << "  After the bottleneck a linear stack keeps rank <= 4 (a theorem); ReLU is not linear, so the activation\n"
      << "  matrix can regain rank, but every later activation is still a function of the same 4 numbers per sample.\n";
  MatrixXd series(linear.rows(), 7);
  series << linear, with_relu.rightCols(3);
  write_figure_data("layers_rank",
                    {"layer", "rank_linear", "effective_linear", "stable_linear", "rank_relu", "effective_relu",
                     "stable_relu"},
                    series);

  trained_versus_random(out, check, g);
  null_space_invariance(out, check, X, W, g);
  return check.summary();
}

}  // namespace nullity_examples
