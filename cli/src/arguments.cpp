#include "arguments.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include <nullity_oracle/precision.hpp>

namespace nullity_cli {
namespace {

/// What each command accepts: its options and how many positional arguments.
struct Spec {
  const char* synopsis;
  const char* summary;
  std::vector<std::string> options;
  std::size_t min_files, max_files;
};

const std::vector<std::string> kRankOptions = {"--method", "--rtol", "--atol", "--preset", "--json", "--all-rules"};

const std::map<std::string, Spec>& specs() {
  static const std::map<std::string, Spec> table = {
      {"rank", {"nullity rank    X   [--method svd|qr] [--rtol R] [--atol A] [--preset NAME] [--all-rules] [--json]",
                "numerical rank, nullity and the rank certificate of X", kRankOptions, 1, 1}},
      {"null", {"nullity null    X   [same options] [-o Z.npy|Z.csv]",
                "orthonormal basis Z of the null space of X (CSV on stdout without -o)",
                {"--method", "--rtol", "--atol", "--preset", "--json", "-o"}, 1, 1}},
      {"solve", {"nullity solve   X Y [same options] [-o W.npy|W.csv]",
                 "minimum-norm least-squares solution w of Xw ~ Y (CSV on stdout without -o)",
                 {"--method", "--rtol", "--atol", "--preset", "--json", "-o"}, 2, 2}},
      {"analyze", {"nullity analyze X [Y] [--oracle] [--json] [--rtol R] [--atol A] [--preset NAME]",
                   "both paths side by side: certificate, conditioning, checks, solve, oracle on demand",
                   {"--oracle", "--json", "--rtol", "--atol", "--preset"}, 1, 2}},
      {"layers", {"nullity layers  FILE [--plot FIG.png] [--json] [--rtol R] [--atol A] [--preset NAME]",
                  "per array of a .npz, .safetensors or stacked .npy: shape, rank, nullity, stable and effective "
                  "rank, certificate; --plot draws every normalized singular spectrum on one figure",
                  {"--rtol", "--atol", "--preset", "--json", "--plot"}, 1, 1}},
      {"compare", {"nullity compare X Y [--json]",
                   "every solver on Xw ~ Y: time, residual, |w|, |Z'w|, error against the oracle",
                   {"--json"}, 2, 2}},
      {"demo", {"nullity demo [NAME]", "the seed walkthroughs (all, or the one named)", {}, 0, 1}},
  };
  return table;
}

double number_value(const std::string& option, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v) || v < 0)
    throw usage_error(option + " needs a finite non-negative number, got '" + text + "'");
  return v;
}

}  // namespace

std::string help_text(const std::string& command) {
  const auto it = specs().find(command);
  if (it != specs().end()) {
    std::string out = "usage: " + std::string(it->second.synopsis) + "\n\n" + it->second.summary + ".\n";
    if (command != "compare" && command != "demo") {
      out += "\noptions:\n";
      if (command != "layers") out += "  --method svd|qr   rank-revealing factorization (default svd)\n";
      out +=
          "  --rtol R          relative tolerance: singular values <= R*s_1 count as zero\n"
          "                    (default: the preset's, NumPy's max(n,d)*eps)\n"
          "  --atol A          absolute tolerance (default 0); tau = max(atol, rtol*s_1)\n"
          "  --preset NAME     numpy|scipy|matlab|julia|eigen|lapack tolerance rule\n"
          "  --json            one JSON object on stdout (schema in docs/guide.md)\n";
    }
    if (command == "null" || command == "solve") out += "  -o FILE           write .npy or .csv atomically\n";
    if (command == "rank")
      out += "  --all-rules       the rank every preset gives, on both paths, and the band of tau keeping r\n";
    if (command == "layers") {
      out += "  --plot FIG.png    the singular values s_i/s_1 of every matrix against i/min(n,d), one figure\n";
      out += "                    (drawn by python3 with matplotlib; PYTHON overrides the interpreter)\n";
      out += "  (layers uses the SVD path: stable and effective rank need singular values)\n";
    }
    if (command == "analyze") out += "  --oracle          add the MPFR (" + std::to_string(nullity::oracle::default_bits) +
                                        "-bit) answer and the errors against it\n";
    if (command == "analyze") out += "  (analyze always runs both methods, so it takes no --method)\n";
    out += "\nexit status: 0 success, 1 bad input data or file, 2 usage error\n";
    return out;
  }
  std::string out =
      "nullity: numerical rank, null space and minimum-norm least squares you can check.\n\nusage:\n";
  for (const char* name : {"rank", "null", "solve", "analyze", "layers", "compare", "demo"})
    out += "  " + std::string(specs().at(name).synopsis) + "\n";
  out +=
      "\nFiles: .npy (float64/float32/int32/int64, C or Fortran order, either endianness, 1-D or 2-D;\n"
      "3-D and up are stacks), .csv/.txt (comma or whitespace separated, # comments), .mtx (Matrix\n"
      "Market), .npz and .safetensors (many arrays: rank, analyze and layers answer per array).\n"
      "Run 'nullity COMMAND --help' for a command's options.\n"
      "exit status: 0 success, 1 bad input data or file, 2 usage error\n";
  return out;
}

Arguments parse_arguments(const std::vector<std::string>& argv) {
  Arguments a;
  if (argv.empty()) throw usage_error("no command given");
  a.command = argv[0];
  if (a.command == "--help" || a.command == "-h" || a.command == "help") {
    a.help = true;
    a.command.clear();
    return a;
  }
  const auto it = specs().find(a.command);
  if (it == specs().end()) throw usage_error("unknown command '" + a.command + "'");
  const Spec& spec = it->second;
  bool rtol_given = false;
  double rtol = -1;
  std::string preset = "numpy";
  for (std::size_t k = 1; k < argv.size(); ++k) {
    std::string arg = argv[k], value;
    bool has_value = false;
    if (arg == "--help" || arg == "-h") {
      a.help = true;
      return a;
    }
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_value = true;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      a.positional.push_back(arg);
      continue;
    }
    if (arg != "--method" && arg != "--rtol" && arg != "--atol" && arg != "--preset" && arg != "--json" &&
        arg != "--oracle" && arg != "--all-rules" && arg != "--plot" && arg != "-o")
      throw usage_error("unknown option '" + arg + "'");
    bool accepted = false;
    for (const auto& o : spec.options) accepted = accepted || o == arg;
    if (!accepted) throw usage_error("'" + a.command + "' does not take " + arg);
    const bool flag = arg == "--json" || arg == "--oracle" || arg == "--all-rules";
    if (flag) {
      if (has_value) throw usage_error(arg + " takes no value");
      (arg == "--json" ? a.json : arg == "--oracle" ? a.oracle : a.all_rules) = true;
      continue;
    }
    if (!has_value) {
      if (k + 1 >= argv.size()) throw usage_error(arg + " needs a value");
      value = argv[++k];
    }
    if (arg == "--method") {
      if (value == "svd") a.options.method = nullity::Method::svd;
      else if (value == "qr") a.options.method = nullity::Method::qr;
      else throw usage_error("--method must be svd or qr, got '" + value + "'");
    } else if (arg == "--rtol") {
      rtol = number_value(arg, value);
      rtol_given = true;
    } else if (arg == "--atol") {
      a.options.atol = number_value(arg, value);
    } else if (arg == "--preset") {
      preset = value;
    } else if (arg == "-o") {
      if (value.empty()) throw usage_error("-o needs a file name");
      a.output = value;
    } else if (arg == "--plot") {
      if (value.size() < 5 || value.compare(value.size() - 4, 4, ".png") != 0)
        throw usage_error("--plot needs a .png file name, got '" + value + "'");
      a.plot = value;
    }
  }
  // The preset sets the rule; --rtol, when given, overrides the rule's default rtol.
  nullity::Options base;
  if (preset == "numpy") base = nullity::Options::numpy();
  else if (preset == "scipy") base = nullity::Options::scipy();
  else if (preset == "matlab") base = nullity::Options::matlab();
  else if (preset == "julia") base = nullity::Options::julia();
  else if (preset == "eigen") base = nullity::Options::eigen();
  else if (preset == "lapack") base = nullity::Options::lapack(rtol_given ? rtol : 0);
  else throw usage_error("--preset must be numpy, scipy, matlab, julia, eigen or lapack, got '" + preset + "'");
  a.options.rule = base.rule;
  a.options.rtol = preset == "lapack" || !rtol_given ? base.rtol : rtol;

  if (a.positional.size() < spec.min_files || a.positional.size() > spec.max_files) {
    const std::string expected = spec.min_files == spec.max_files
                                     ? std::to_string(spec.min_files)
                                     : std::to_string(spec.min_files) + " or " + std::to_string(spec.max_files);
    throw usage_error("'" + a.command + "' takes " + expected + (a.command == "demo" ? " name" : " file") +
                      (spec.max_files == 1 ? "" : "s") + ", got " + std::to_string(a.positional.size()));
  }
  return a;
}

}  // namespace nullity_cli
