// End-to-end runs of the nullity command. Expected figures come from mathematics or from
// NumPy (data/README.md), never from the program's own output. Every bad input checks the exit
// code, the exact one-line message shape, and that no output file appears.

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nullity/io.hpp>
#include <nullity_test/thresholds.hpp>

namespace {

using nullity_test::kThresh;  // LAPACK TESTING THRESH

const std::string kExe = NULLITY_CLI_EXE;
const std::string kFixtures = NULLITY_CLI_FIXTURES;
const std::string kData = NULLITY_DATA_DIR;

std::string fx(const std::string& name) { return kFixtures + "/" + name; }
std::string seed(const std::string& name) { return kData + "/seeds/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool exists(const std::string& path) { return std::ifstream(path).good(); }

struct Outcome {
  int status = -1;
  std::string out, err;
};

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/nullity_cli_test_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
  }
  void TearDown() override { (void)std::system(("rm -rf " + dir_).c_str()); }

  /// Runs `nullity ARGS` with stdout and stderr captured.
  Outcome run(const std::string& args) {
    const std::string out = dir_ + "/stdout", err = dir_ + "/stderr";
    const int raw = std::system((kExe + " " + args + " >" + out + " 2>" + err).c_str());
    Outcome r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    std::remove(out.c_str());
    std::remove(err.c_str());
    return r;
  }
  std::string tmp(const std::string& name) const { return dir_ + "/" + name; }

  /// A bad-input failure: exit 1, stdout empty, stderr exactly "nullity: error: FILE: WHAT\n"
  /// with WHAT matching `what` (a regular expression).
  void expect_input_error(const std::string& args, const std::string& file, const std::string& what) {
    SCOPED_TRACE("nullity " + args);
    const Outcome r = run(args);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "");
    const std::string prefix = "nullity: error: " + file + ": ";
    ASSERT_EQ(r.err.rfind(prefix, 0), 0u) << r.err;
    ASSERT_EQ(r.err.find('\n'), r.err.size() - 1) << "not one line: " << r.err;
    const std::string message = r.err.substr(prefix.size(), r.err.size() - prefix.size() - 1);
    EXPECT_TRUE(std::regex_match(message, std::regex(what))) << message;
  }

  /// A usage failure: exit 2, stdout empty, "nullity: error: WHAT" then the usage hint.
  void expect_usage_error(const std::string& args, const std::string& what) {
    SCOPED_TRACE("nullity " + args);
    const Outcome r = run(args);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "nullity: error: " + what + "\nTry 'nullity --help' for usage.\n");
  }

  std::string dir_;
};

/// The value of "key": NUMBER in a JSON text (NaN if absent).
double json_number(const std::string& json, const std::string& key) {
  const std::regex re("\"" + key + "\": (-?[0-9.eE+-]+)");
  std::smatch m;
  if (!std::regex_search(json, m, re)) return std::nan("");
  return std::stod(m[1]);
}

TEST_F(Cli, RankOfExample55IsSixByBothMethods) {
  for (const char* method : {"svd", "qr"}) {
    const Outcome r = run("rank " + seed("example55_X.npy") + " --method " + method + " --json");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(json_number(r.out, "rows"), 6);
    EXPECT_EQ(json_number(r.out, "cols"), 12);
    EXPECT_EQ(json_number(r.out, "rank"), 6);
    EXPECT_EQ(json_number(r.out, "nullity"), 6);
    EXPECT_NE(r.out.find("\"method\": \"" + std::string(method) + "\""), std::string::npos);
    EXPECT_NE(r.out.find("\"well_determined\": true"), std::string::npos);
    EXPECT_GT(json_number(r.out, "tolerance"), 0);
  }
}

TEST_F(Cli, RankHumanReportOfDay33) {
  const Outcome r = run("rank " + seed("day33_A.npy"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n  rank +2\\n"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n  nullity +1\\n"))) << r.out;
}

TEST_F(Cli, NullSpaceOfDay33IsPlusMinusOneMinusTwoOneOverRootSix) {
  for (const char* method : {"svd", "qr"}) {
    SCOPED_TRACE(method);
    const Outcome r = run("null " + seed("day33_A.npy") + " --method " + method);
    ASSERT_EQ(r.status, 0) << r.err;
    const Eigen::MatrixXd Z = nullity::io::parse_csv(r.out);
    ASSERT_EQ(Z.rows(), 3);
    ASSERT_EQ(Z.cols(), 1);
    Eigen::Vector3d z(1, -2, 1);
    z /= std::sqrt(6.0);
    const double sign = Z(0, 0) > 0 ? 1 : -1;
    // The matrix has integer entries and a well-separated gap (σ₂/σ₃ = ∞ exactly), so a
    // backward-stable null vector is within a few ε·κ-scaled units; 100ε·‖A‖ covers the
    // Wedin bound δ/gap with δ = c·3·ε·‖A‖₂ for c ≤ 30 (LAPACK's THRESH) and σ₂ ≈ 0.8.
    EXPECT_LT((sign * Z.col(0) - z).norm(), 100 * 3 * kThresh * 2.2e-16 / 0.8);
  }
}

TEST_F(Cli, NullWritesNpyAtomically) {
  const Outcome r = run("null " + seed("example55_X.npy") + " -o " + tmp("Z.npy"));
  ASSERT_EQ(r.status, 0) << r.err;
  const Eigen::MatrixXd Z = nullity::io::read_matrix(tmp("Z.npy"));
  EXPECT_EQ(Z.rows(), 12);
  EXPECT_EQ(Z.cols(), 6);
  EXPECT_FALSE(exists(tmp("Z.npy.partial-0")));
  EXPECT_NE(r.out.find("wrote the null space Z (12 x 6"), std::string::npos) << r.out;
}

TEST_F(Cli, SolveExample55ReproducesY) {
  const Outcome r = run("solve " + seed("example55_X.npy") + " " + seed("example55_y.npy") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  // y = X w_true exactly in exact arithmetic, so the residual is rounding only: Higham thm 20.3
  // gives ‖Xw − y‖ ≲ c·n·d·ε·‖X‖‖w‖; with ‖X‖ ≈ 6, ‖w‖ ≈ 4, c = 30 that is ~1e-10 at most.
  EXPECT_LT(json_number(r.out, "residual_norm"), kThresh * 6 * 12 * 2.2e-16 * 6 * 4);
  EXPECT_EQ(json_number(r.out, "rank"), 6);
}

TEST_F(Cli, SolveWritesCsv) {
  const Outcome r = run("solve " + seed("day33_A.npy") + " " + fx("y3.csv") + " -o " + tmp("w.csv"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nullity::io::read_matrix(tmp("w.csv")).rows(), 3);
}

TEST_F(Cli, AnalyzeExample55ReportsBothPathsAndTheInvariance) {
  const Outcome r = run("analyze " + seed("example55_X.npy") + " " + seed("example55_y.npy") + " --json --oracle");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"same_rank\": true"), std::string::npos);
  // NumPy: σ_min = 1.638699874372541; Weyl: |s − σ| ≤ 2·30·max(n,d)·ε·σ₁ for two backward-stable
  // SVDs (THRESH = 30 as LAPACK's tests), σ₁ < 10 here.
  EXPECT_NEAR(json_number(r.out, "sigma_min"), 1.638699874372541, 2 * kThresh * 12 * 2.2e-16 * 10);
  // A move of length 10 inside the null space changes predictions by 10·‖XZ‖ ≤ 10·c·max(n,d)·ε·‖X‖.
  const std::regex change("\"prediction_change\": ([0-9.eE+-]+)");
  int seen = 0;
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), change), end; it != end; ++it, ++seen)
    EXPECT_LT(std::stod((*it)[1]), 10 * kThresh * 12 * 2.2e-16 * 10);
  EXPECT_EQ(seen, 2);
  EXPECT_NE(r.out.find("\"available\": true"), std::string::npos);
}

TEST_F(Cli, AnalyzeHumanReport) {
  const Outcome r = run("analyze " + seed("day33_A.npy"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("SVD path"), std::string::npos);
  EXPECT_NE(r.out.find("the paths agree on the rank"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\n  rank +2 +2\\n"))) << r.out;
}

TEST_F(Cli, AnalyzeExplainsWhenThePathsDisagreeOnKahan) {
  // Kahan's matrix K = diag(1, s, …, s^{n−1})·(I − c·strictly-upper ones), c = 0.6, s = 0.8,
  // n = 100, columns scaled by (1 − μ)^j, μ = 1e-7, so that column pivoting moves nothing
  // (Demmel, Grigori, Gu et al., SIMAX 2015). Then |R_nn| = s^99·(1 − μ)^99 ≈ 2.5e-10 stays far
  // above τ = 100·ε·σ₁ ≈ 1e-13, while σ_100 ≤ s^99/(c(1 + c)^98) ≈ 4e-30 is below it (Higham
  // §9.4): the SVD path drops one direction that the QR path keeps.
  const int n = 100;
  const double c = 0.6, s = 0.8, mu = 1e-7;
  Eigen::MatrixXd K = Eigen::MatrixXd::Identity(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) K(i, j) = -c;
  for (int i = 0; i < n; ++i) K.row(i) *= std::pow(s, i);
  for (int j = 0; j < n; ++j) K.col(j) *= std::pow(1 - mu, j);
  nullity::io::write_matrix(tmp("kahan.npy"), K);
  const Outcome r = run("analyze " + tmp("kahan.npy") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"same_rank\": false"), std::string::npos) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("the paths disagree: SVD rank 99, QR rank 100"), std::string::npos);
}

TEST_F(Cli, CompareRunsEverySolver) {
  const Outcome r = run("compare " + seed("example55_X.npy") + " " + seed("example55_y.npy") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* name : {"nullity-svd", "nullity-qr", "lapack-gelsd", "lapack-gelsy", "lapack-gelss", "eigen-cod",
                           "normal-equations", "gradient-descent"})
    EXPECT_NE(r.out.find("\"name\": \"" + std::string(name) + "\""), std::string::npos) << name;
  EXPECT_EQ(r.err, "");  // no progress when stderr is not a terminal
  const Outcome h = run("compare " + seed("example55_X.npy") + " " + seed("example55_y.npy"));
  ASSERT_EQ(h.status, 0) << h.err;
  EXPECT_NE(h.out.find("median time"), std::string::npos);
}

TEST_F(Cli, ReadsCsvAndMtxAlike) {
  const Outcome a = run("rank " + fx("a_comma.csv") + " --json");
  const Outcome b = run("rank " + fx("a_coordinate.mtx") + " --json");
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(json_number(a.out, "rank"), 2);
  EXPECT_EQ(json_number(b.out, "rank"), 2);
}

TEST_F(Cli, ReadsSuiteSparseStyleMatrixMarket) {
  // A pattern file storing the upper triangle: K_{2,3}'s adjacency (0/1 values), rank 2.
  const Outcome r = run("rank " + fx("k23_pattern.mtx") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_number(r.out, "rank"), 2);
  EXPECT_EQ(json_number(r.out, "nullity"), 3);
  expect_input_error("rank " + fx("sym_both_conflict.mtx"), fx("sym_both_conflict.mtx"),
                     "line 4, column 1: entry \\(1, 2\\) contradicts its mirror \\(2, 1\\) on line 3: .*");
  expect_input_error("rank " + fx("int_overflow.mtx"), fx("int_overflow.mtx"),
                     "line 3, column 5: '18446744073709551615' is out of the range of a 64-bit integer .*");
}

/// The issue's 180×180 case as a diagonal matrix (its singular values, and its pivoted-QR
/// |R_ii|, are the diagonal): σ₁ = 1.9, σ_33 = 1.18·τ and σ_34 = τ/1.25 for NumPy's
/// τ = 180·ε·σ₁, nine values of 100·ε, the rest 0. MATLAB's τ = 180·eps(1.9) = 180·ε keeps σ_34;
/// SciPy's and LAPACK's τ = ε·σ₁ keep the nine more.
Eigen::MatrixXd tolerance_sensitive() {
  const double eps = 2.220446049250313e-16, tau = 180 * eps * 1.9;
  Eigen::VectorXd s = Eigen::VectorXd::Zero(180);
  s(0) = 1.9;
  s.segment(1, 31).setConstant(1e-3);
  s(32) = 1.18 * tau;
  s(33) = tau / 1.25;
  s.segment(34, 9).setConstant(100 * eps);
  return s.asDiagonal();
}

TEST_F(Cli, RankAllRulesGivesEveryPresetsRankOnBothPaths) {
  nullity::io::write_matrix(tmp("x.npy"), tolerance_sensitive());
  const Outcome r = run("rank " + tmp("x.npy") + " --all-rules --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_number(r.out, "rank"), 33);
  EXPECT_NE(r.out.find("\"well_determined\": true"), std::string::npos);
  EXPECT_NE(r.out.find("\"tolerance_robust\": false"), std::string::npos);
  // Per path, in the order numpy, scipy, matlab, julia, eigen, lapack.
  const std::regex rule("\"rule\": \"([a-z]+)\",\\s*\"rtol\": [^,]+,\\s*\"tolerance\": [^,]+,\\s*\"rank\": ([0-9]+)");
  std::string seen;
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), rule), end; it != end; ++it)
    seen += (*it)[1].str() + "=" + (*it)[2].str() + " ";
  const std::string one = "numpy=33 scipy=43 matlab=34 julia=33 eigen=33 lapack=43 ";
  EXPECT_EQ(seen, one + one);
  EXPECT_NE(r.out.find("\"method\": \"qr\""), std::string::npos);
  const Outcome t = run("rank " + tmp("x.npy") + " --all-rules");
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(std::regex_search(t.out, std::regex("\\n  matlab +[0-9.e+-]+ +34 +[0-9.e+-]+ +34\\n"))) << t.out;
  EXPECT_TRUE(std::regex_search(t.out, std::regex("robust to tolerance +NO: the presets give ranks 33 to 43"))) << t.out;
  // The band of τ keeping r = 33: [σ_34, σ_33) = τ·[1/1.25, 1.18).
  EXPECT_NE(t.out.find("tau x [0.8, 1.18)"), std::string::npos) << t.out;
}

TEST_F(Cli, AnalyzeAnswersRankByRule) {
  nullity::io::write_matrix(tmp("x.npy"), tolerance_sensitive());
  const Outcome r = run("analyze " + tmp("x.npy") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"rank_by_rule\": ["), std::string::npos);
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\"tau_factor_range\": \\[\\s*0\\.8"))) << r.out.substr(0, 3000);
  const Outcome t = run("analyze " + tmp("x.npy"));
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(std::regex_search(t.out, std::regex("robust to tolerance +NO \\(33 to 43\\) +NO \\(33 to 43\\)"))) << t.out;
  EXPECT_TRUE(std::regex_search(t.out, std::regex("stable \\(backward error\\) +yes +yes"))) << t.out;
  // A matrix with a wide gap is robust: Day 33's rank 2 under every preset.
  const Outcome d = run("rank " + seed("day33_A.npy"));
  EXPECT_TRUE(std::regex_search(d.out, std::regex("robust to tolerance +yes: every preset gives rank 2"))) << d.out;
}

// ---- files of many matrices (fixtures from make_fixtures.py) ----

/// Every `"rank": N` of a JSON text, in order (the certificate repeats each one).
std::vector<int> ranks_in(const std::string& json) {
  std::vector<int> out;
  const std::regex re("\"rank\": ([0-9]+)");
  for (std::sregex_iterator it(json.begin(), json.end(), re), end; it != end; ++it) out.push_back(std::stoi((*it)[1]));
  return out;
}

TEST_F(Cli, RankAnswersPerArrayOfNpzSafetensorsAndStacks) {
  // A = [[1,2,3],[4,5,6.5]] has rank 2; the stack's slices rank 1 (an outer product) and 3 (diagonal).
  for (const char* name : {"layers.npz", "layers_compressed.npz"}) {
    const Outcome r = run("rank " + fx(name) + " --json");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind("{\n  \"file\": \"" + fx(name) + "\",\n  \"arrays\": [\n    {\n      \"name\": \"w1\",", 0), 0u) << r.out;
    EXPECT_EQ(ranks_in(r.out), (std::vector<int>{2, 2, 1, 1, 3, 3}));
    EXPECT_NE(r.out.find("\"name\": \"stack[1]\""), std::string::npos);
    EXPECT_EQ(r.err, "nullity: note: 'bias' skipped: a 1-D array (3,) is not a matrix\n");
  }
  const Outcome s = run("rank " + fx("model.safetensors") + " --json");
  ASSERT_EQ(s.status, 0) << s.err;
  // a, b (B = [[1,-2,3],[4,5,-6]]), h = [[1,0.5],[-2,65504]], bf = [[1,-0.5,3]], stack[0], stack[1].
  EXPECT_EQ(ranks_in(s.out), (std::vector<int>{2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 3, 3}));
  EXPECT_NE(s.err.find("'steps' skipped: dtype I64 is not read"), std::string::npos);
  const Outcome t = run("rank " + fx("stack3d_fortran.npy"));
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_TRUE(std::regex_search(t.out, std::regex("'stack3d_fortran\\[0\\]': 3 x 3, method svd\\n  rank +1\\n"))) << t.out;
  EXPECT_TRUE(std::regex_search(t.out, std::regex("'stack3d_fortran\\[1\\]': 3 x 3, method svd\\n  rank +3\\n"))) << t.out;
}

TEST_F(Cli, AnalyzeAndLayersPerArray) {
  const Outcome a = run("analyze " + fx("stack3d.npy") + " --json");
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_NE(a.out.find("\"name\": \"stack3d[1]\""), std::string::npos);
  EXPECT_NE(a.out.find("\"rank_by_rule\""), std::string::npos);
  const Outcome l = run("layers " + fx("model.safetensors"));
  ASSERT_EQ(l.status, 0) << l.err;
  EXPECT_TRUE(std::regex_search(l.out, std::regex("\\n  stack\\[0\\] +3 x 3 +1 +2 "))) << l.out;
  EXPECT_TRUE(std::regex_search(l.out, std::regex("\\n  h +2 x 2 +2 +0 "))) << l.out;
  const Outcome j = run("layers " + fx("layers.npz") + " --json");
  ASSERT_EQ(j.status, 0) << j.err;
  // diag(3, 2, 1): stable rank (9 + 4 + 1)/9.
  EXPECT_NEAR(json_number(j.out.substr(j.out.find("stack[1]")), "stable_rank"), 14.0 / 9.0, 1e-14);
}

TEST_F(Cli, LayersPlotIsAPngOrNothing) {
  // Debian's interpreter, where python3-matplotlib installs.
  const std::string python = exists("/usr/bin/python3") ? "PYTHON=/usr/bin/python3 " : "";
  const std::string png = tmp("spectra.png");
  Outcome r;
  {
    const std::string out = dir_ + "/o", err = dir_ + "/e";
    const int raw = std::system((python + kExe + " layers " + fx("layers.npz") + " --plot " + png + " >" + out +
                                 " 2>" + err).c_str());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
  }
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(slurp(png).substr(0, 8), "\x89PNG\r\n\x1a\n");
  // An interpreter that fails: one line, exit 1, no file.
  const int raw = std::system(("PYTHON=false " + kExe + " layers " + fx("layers.npz") + " --plot " + tmp("no.png") +
                               " >" + tmp("o2") + " 2>" + tmp("e2")).c_str());
  EXPECT_EQ(WEXITSTATUS(raw), 1);
  EXPECT_EQ(slurp(tmp("o2")), "");
  EXPECT_EQ(slurp(tmp("e2")).rfind("nullity: error: " + tmp("no.png") + ": cannot draw the plot: 'false' with matplotlib failed", 0), 0u)
      << slurp(tmp("e2"));
  EXPECT_FALSE(exists(tmp("no.png")));
  expect_usage_error("layers " + fx("layers.npz") + " --plot x.jpg", "--plot needs a .png file name, got 'x.jpg'");
}

TEST_F(Cli, BadMultiArrayFiles) {
  expect_input_error("rank " + fx("bad_crc.npz"), fx("bad_crc.npz"), "member 'w1.npy' of the .npz archive: CRC error");
  expect_input_error("layers " + fx("not_npy.npz"), fx("not_npy.npz"), "member 'readme.txt' of the .npz archive is not a .npy array");
  expect_input_error("analyze " + fx("truncated.npz"), fx("truncated.npz"), "not a readable .npz file .*");
  expect_input_error("rank " + fx("truncated.safetensors"), fx("truncated.safetensors"), "truncated .safetensors file .*");
  expect_input_error("rank " + fx("bad_json.safetensors"), fx("bad_json.safetensors"), "malformed .safetensors header: .*");
  expect_input_error("null " + fx("layers.npz") + " -o " + tmp("Z.npy"), fx("layers.npz"), "a .npz file holds many arrays.*");
  expect_input_error("solve " + fx("stack3d.npy") + " " + fx("y3.npy"), fx("stack3d.npy"), "3-D arrays are not supported.*");
  EXPECT_FALSE(exists(tmp("Z.npy")));
}

TEST_F(Cli, PresetsAndTolerances) {
  // With atol above every singular value of A (‖A‖_F < 10), the rank is 0.
  const Outcome r = run("rank " + fx("a_f8.npy") + " --atol 10 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_number(r.out, "rank"), 0);
  const Outcome m = run("rank " + fx("a_f8.npy") + " --preset matlab --json");
  ASSERT_EQ(m.status, 0) << m.err;
  EXPECT_NE(m.out.find("\"rule\": \"matlab\""), std::string::npos);
}

TEST_F(Cli, Help) {
  const std::string exit_status = "\nexit status: 0 success, 1 bad input data or file, 2 usage error\n";
  const Outcome r = run("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("nullity analyze X [Y]"), std::string::npos);
  EXPECT_NE(r.out.find(exit_status), std::string::npos) << r.out;
  EXPECT_EQ(run("help").out, r.out);
  EXPECT_EQ(run("-h").out, r.out);
  // The man page's SYNOPSIS and its COMMANDS are read off these lines (cmake/install/man_page.cmake).
  for (const char* command : {"rank", "null", "solve", "analyze", "layers", "compare", "demo"}) {
    SCOPED_TRACE(command);
    EXPECT_NE(r.out.find("\n  nullity " + std::string(command) + " "), std::string::npos) << r.out;
    const Outcome c = run(std::string(command) + " --help");
    EXPECT_EQ(c.status, 0);
    EXPECT_EQ(c.err, "");
    EXPECT_NE(c.out.find("\nusage: nullity " + std::string(command) + " "), std::string::npos) << c.out;
    EXPECT_NE(c.out.find(exit_status), std::string::npos) << c.out;
  }
  EXPECT_NE(run("rank --help").out.find("--preset NAME"), std::string::npos);
  const Outcome v = run("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_TRUE(std::regex_match(v.out, std::regex("nullity [0-9]+\\.[0-9]+\\.[0-9]+\n"))) << v.out;
}

TEST_F(Cli, JsonHasNoNonFiniteNumbers) {
  // A has full row rank 2, so s_{r+1} = 0 and the gap s_r/s_{r+1} is +inf: JSON has no infinity.
  const Outcome r = run("rank " + fx("a_f8.npy") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"gap\": null"), std::string::npos) << r.out;
}

#ifdef NULLITY_HAVE_EXAMPLES
TEST_F(Cli, DemoRunsEveryWalkthroughAndTheirChecksPass) {
  const Outcome r = run("demo");
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* name : {"day33", "example55", "layers", "implicit-regularization"})
    EXPECT_NE(r.out.find("== " + std::string(name) + ": "), std::string::npos) << name;
  EXPECT_EQ(r.out.find("CHECK FAILED"), std::string::npos);
  const Outcome one = run("demo day33");
  EXPECT_EQ(one.status, 0);
  EXPECT_EQ(one.out.find("== example55"), std::string::npos);
  const Outcome bad = run("demo nosuch");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err.rfind("nullity: error: no walkthrough named 'nosuch' (available: day33, ", 0), 0u) << bad.err;
}
#else
TEST_F(Cli, DemoSaysTheWalkthroughsAreMissing) {
  const Outcome r = run("demo");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("built without the seed walkthroughs"), std::string::npos);
}
#endif

// ---- bad input: exit 1, one line naming the file, no output file ----

TEST_F(Cli, NonFiniteEntries) {
  expect_input_error("rank " + fx("nan.npy"), fx("nan.npy"), "X has a non-finite entry NaN at row 0, column 1 \\(0-based\\)");
  expect_input_error("rank " + fx("inf.npy"), fx("inf.npy"), "X has a non-finite entry -Inf at row 1, column 0 \\(0-based\\)");
  expect_input_error("null " + fx("nan.csv") + " -o " + tmp("Z.npy"), fx("nan.csv"), "X has a non-finite entry NaN at row 1, column 0 \\(0-based\\)");
  expect_input_error("rank " + fx("inf.csv"), fx("inf.csv"), "X has a non-finite entry -Inf at row 1, column 1 \\(0-based\\)");
  EXPECT_FALSE(exists(tmp("Z.npy")));
}

TEST_F(Cli, MalformedText) {
  expect_input_error("rank " + fx("ragged.csv"), fx("ragged.csv"), "line 2, column 4: ragged row: 2 values, but line 1 has 3");
  expect_input_error("rank " + fx("non_numeric.csv"), fx("non_numeric.csv"), "line 2, column 3: 'abc' is not a number");
  expect_input_error("rank " + fx("empty.csv"), fx("empty.csv"), "no numbers in the file .*");
  expect_input_error("rank " + fx("duplicate.mtx"), fx("duplicate.mtx"), "line 4, column 1: entry \\(1, 1\\) repeats .*");
}

TEST_F(Cli, MalformedNpy) {
  expect_input_error("rank " + fx("empty.npy"), fx("empty.npy"), "not a .npy file .*");
  expect_input_error("rank " + fx("truncated.npy"), fx("truncated.npy"), "truncated .npy file .*");
  expect_input_error("rank " + fx("complex.npy"), fx("complex.npy"), "complex dtype '<c16' is not supported .*");
  expect_input_error("rank " + fx("object.npy"), fx("object.npy"), "object dtype '\\|O' is not supported .*");
  expect_input_error("rank " + fx("random_bytes.npy"), fx("random_bytes.npy"), "not a .npy file .*");
  expect_input_error("null " + fx("three_d.npy"), fx("three_d.npy"), "3-D arrays are not supported.*");
  expect_input_error("null " + fx("lying_size.npy") + " -o " + tmp("Z.npy"), fx("lying_size.npy"),
                     "truncated .npy file \\(the header declares shape 1000000x1000000 of <f8, .*");
  EXPECT_FALSE(exists(tmp("Z.npy")));
  expect_input_error("rank " + fx("empty_huge.npy"), fx("empty_huge.npy"),
                     "a 0x1000000000000 matrix is too large: each dimension must be at most 32768 .*");
}

TEST_F(Cli, InterruptLeavesNoOutputFile) {
  // A 1500x1500 null space takes well over the 0.3 s before SIGINT on any machine this runs on
  // (a dense SVD with full V: ~10^10 flops); the output file is written only at the end.
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(1500, 1500);
  for (int i = 0; i < 1500; ++i)
    for (int j = 0; j < 1500; ++j) X(i, j) = std::sin(1.0 + i * 1500 + j);  // deterministic, full rank
  nullity::io::write_matrix(tmp("big.npy"), X);
  const std::string command = kExe + " null " + tmp("big.npy") + " -o " + tmp("Z.npy") + " >" + tmp("out") +
                              " 2>/dev/null & pid=$!; sleep 0.3; kill -INT $pid; wait $pid";
  const int raw = std::system(command.c_str());
  EXPECT_NE(raw, 0);
  EXPECT_EQ(slurp(tmp("out")), "");
  EXPECT_FALSE(exists(tmp("Z.npy")));
  // No temporary file either: the directory holds only the input and the captured stdout.
  ASSERT_EQ(std::system(("ls -A " + dir_ + " > " + tmp("listing")).c_str()), 0);
  EXPECT_EQ(slurp(tmp("listing")), "big.npy\nlisting\nout\n");
}

TEST_F(Cli, WrongLengthY) {
  expect_input_error("solve " + seed("example55_X.npy") + " " + fx("y5.npy") + " -o " + tmp("w.npy"), fx("y5.npy"),
                     "Y has length 5 but X has 6 rows");
  EXPECT_FALSE(exists(tmp("w.npy")));
  expect_input_error("analyze " + seed("example55_X.npy") + " " + fx("a_f8.npy"), fx("a_f8.npy"),
                     "expected a vector \\(1-D, or one row or one column\\), got a 2x3 matrix");
}

TEST_F(Cli, MissingFileDirectoryAndUnknownType) {
  expect_input_error("rank " + tmp("missing.npy"), tmp("missing.npy"), "cannot open: No such file or directory");
  expect_input_error("rank " + fx("a_directory.npy"), fx("a_directory.npy"), "is a directory, not a matrix file");
  expect_input_error("rank " + fx("make_fixtures.py"), fx("make_fixtures.py"), "unknown file type '.py': .*");
}

TEST_F(Cli, UnwritableOutput) {
  expect_input_error("null " + seed("day33_A.npy") + " -o " + tmp("none/Z.npy"), tmp("none/Z.npy"),
                     "cannot create the output: No such file or directory");
}

// ---- usage errors: exit 2 ----

TEST_F(Cli, UsageErrors) {
  expect_usage_error("", "no command given");
  expect_usage_error("frobnicate X.npy", "unknown command 'frobnicate'");
  expect_usage_error("rank " + fx("a_f8.npy") + " --frobnicate", "unknown option '--frobnicate'");
  expect_usage_error("rank " + fx("a_f8.npy") + " --method lu", "--method must be svd or qr, got 'lu'");
  expect_usage_error("rank " + fx("a_f8.npy") + " --rtol -1", "--rtol needs a finite non-negative number, got '-1'");
  expect_usage_error("rank " + fx("a_f8.npy") + " --atol nan", "--atol needs a finite non-negative number, got 'nan'");
  expect_usage_error("rank " + fx("a_f8.npy") + " --preset octave",
                     "--preset must be numpy, scipy, matlab, julia, eigen or lapack, got 'octave'");
  expect_usage_error("rank", "'rank' takes 1 file, got 0");
  expect_usage_error("solve " + fx("a_f8.npy"), "'solve' takes 2 files, got 1");
  expect_usage_error("rank " + fx("a_f8.npy") + " -o " + tmp("Z.npy"), "'rank' does not take -o");
  expect_usage_error("compare " + fx("a_f8.npy") + " " + fx("y3.npy") + " --method qr", "'compare' does not take --method");
  expect_usage_error("rank " + fx("a_f8.npy") + " --rtol", "--rtol needs a value");
  expect_usage_error("rank " + fx("a_f8.npy") + " --rtol=", "--rtol needs a value");
  expect_usage_error("rank " + fx("a_f8.npy") + " -- " + fx("y3.npy"), "'rank' takes 1 file, got 2");
  expect_usage_error("null " + fx("a_f8.npy") + " -o=" + tmp("Z.npy"),
                     "-o needs a file name, got '=" + tmp("Z.npy") + "' (write -o FILE, not -o=FILE)");
  expect_usage_error("layers " + fx("layers.npz") + " --json=x", "Could not convert: --json = x");
  EXPECT_FALSE(exists(tmp("Z.npy")));
}

}  // namespace
