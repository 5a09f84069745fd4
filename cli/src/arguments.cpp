#include "arguments.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>
#include <stdexcept>
#include <utility>

#include <CLI/CLI.hpp>
#include <nullity_oracle/precision.hpp>

namespace nullity_cli {
namespace {

const char* const kExitStatus = "exit status: 0 success, 1 bad input data or file, 2 usage error";

/// A command: the files it reads (as its usage line shows them, and how many), what it
/// answers, the options it takes (by name, from options()) and a note for its help.
struct Command {
  const char* name;
  const char* files;
  std::size_t min_files, max_files;
  const char* summary;
  std::vector<std::string> options;
  const char* note;
};

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"rank", "X", 1, 1, "numerical rank, nullity and the rank certificate of X",
       {"--method", "--rtol", "--atol", "--preset", "--all-rules", "--json"}, ""},
      {"null", "X", 1, 1, "orthonormal basis Z of the null space of X (CSV on stdout without -o)",
       {"--method", "--rtol", "--atol", "--preset", "--json", "-o"}, ""},
      {"solve", "X Y", 2, 2, "minimum-norm least-squares solution w of Xw ~ Y (CSV on stdout without -o)",
       {"--method", "--rtol", "--atol", "--preset", "--json", "-o"}, ""},
      {"analyze", "X [Y]", 1, 2,
       "both paths side by side: certificate, conditioning, checks, solve, oracle on demand",
       {"--oracle", "--json", "--rtol", "--atol", "--preset"},
       "(analyze always runs both methods, so it takes no --method)\n"},
      {"layers", "FILE", 1, 1,
       "per array of a .npz, .safetensors or stacked .npy: shape, rank, nullity, stable and effective rank, "
       "certificate; --plot draws every normalized singular spectrum on one figure",
       {"--plot", "--json", "--rtol", "--atol", "--preset"},
       "(layers uses the SVD path: stable and effective rank need singular values)\n"},
      {"compare", "X Y", 2, 2, "every solver on Xw ~ Y: time, residual, |w|, |Z'w|, error against the oracle",
       {"--json"}, ""},
      {"demo", "[NAME]", 0, 1, "the seed walkthroughs (all, or the one named)", {}, ""},
  };
  return table;
}

/// The tolerance presets, in the order the help and the messages list them. For lapack,
/// --rtol is the rule's own RCOND rather than an override of its default.
using Preset = std::pair<std::string, nullity::Options (*)(double rtol)>;
const std::vector<Preset>& presets() {
  static const std::vector<Preset> table = {
      {"numpy", [](double) { return nullity::Options::numpy(); }},
      {"scipy", [](double) { return nullity::Options::scipy(); }},
      {"matlab", [](double) { return nullity::Options::matlab(); }},
      {"julia", [](double) { return nullity::Options::julia(); }},
      {"eigen", [](double) { return nullity::Options::eigen(); }},
      {"lapack", nullity::Options::lapack},
  };
  return table;
}

/// What the options write into while CLI11 reads them.
struct Parsed {
  Arguments a;
  double rtol = -1;  ///< < 0: not given
  std::string preset = "numpy";
};

/// A tolerance: a finite non-negative number, the whole text read by strtod.
double tolerance(const std::string& option, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v) || v < 0)
    throw usage_error(option + " needs a finite non-negative number, got '" + text + "'");
  return v;
}

const Preset* find_preset(const std::string& name) {
  for (const Preset& q : presets())
    if (q.first == name) return &q;
  return nullptr;
}

/// "numpy, scipy, ... or lapack", or with other separators.
std::string preset_names(const std::string& last_separator, const std::string& separator = ", ") {
  std::string out;
  for (std::size_t k = 0; k < presets().size(); ++k)
    out += (k == 0 ? "" : k + 1 == presets().size() ? last_separator : separator) + presets()[k].first;
  return out;
}

/// An option: its name, its value's name in the help (none for a flag), its help, and what
/// reading it does. A bad value throws usage_error: its message is the one printed.
struct Option {
  const char* name;
  const char* value;
  std::string help;
  std::function<void(Parsed&, const std::string&)> read;
};

const std::vector<Option>& options() {
  static const std::vector<Option> table = {
      {"--method", "svd|qr", "rank-revealing factorization (default svd)",
       [](Parsed& p, const std::string& v) {
         if (v != "svd" && v != "qr") throw usage_error("--method must be svd or qr, got '" + v + "'");
         p.a.options.method = v == "svd" ? nullity::Method::svd : nullity::Method::qr;
       }},
      {"--rtol", "R",
       "relative tolerance: singular values <= R*s_1 count as zero\n"
       "(default: the preset's, NumPy's max(n,d)*eps)",
       [](Parsed& p, const std::string& v) { p.rtol = tolerance("--rtol", v); }},
      {"--atol", "A", "absolute tolerance (default 0); tau = max(atol, rtol*s_1)",
       [](Parsed& p, const std::string& v) { p.a.options.atol = tolerance("--atol", v); }},
      {"--preset", "NAME", preset_names("|", "|") + " tolerance rule",
       [](Parsed& p, const std::string& v) {
         if (find_preset(v) == nullptr)
           throw usage_error("--preset must be " + preset_names(" or ") + ", got '" + v + "'");
         p.preset = v;
       }},
      {"--all-rules", nullptr, "the rank every preset gives, on both paths, and the band of tau keeping r",
       [](Parsed& p, const std::string&) { p.a.all_rules = true; }},
      {"--oracle", nullptr,
       "add the MPFR (" + std::to_string(nullity::oracle::default_bits) + "-bit) answer and the errors against it",
       [](Parsed& p, const std::string&) { p.a.oracle = true; }},
      {"--json", nullptr, "one JSON object on stdout (schema in docs/guide.md)",
       [](Parsed& p, const std::string&) { p.a.json = true; }},
      {"-o", "FILE", "write .npy or .csv atomically",
       [](Parsed& p, const std::string& v) {
         if (v.empty()) throw usage_error("-o needs a file name");
         // CLI11 reads -o=Z.npy as the file '=Z.npy' (a short option's value may follow it
         // directly, -oZ.npy); refuse it rather than write there.
         if (v[0] == '=') throw usage_error("-o needs a file name, got '" + v + "' (write -o FILE, not -o=FILE)");
         p.a.output = v;
       }},
      {"--plot", "FIG.png",
       "the singular values s_i/s_1 of every matrix against i/min(n,d), one figure\n"
       "(drawn by python3 with matplotlib; PYTHON overrides the interpreter)",
       [](Parsed& p, const std::string& v) {
         if (v.size() < 5 || v.compare(v.size() - 4, 4, ".png") != 0)
           throw usage_error("--plot needs a .png file name, got '" + v + "'");
         p.a.plot = v;
       }},
  };
  return table;
}

const Command& command(const std::string& name) {
  for (const Command& c : commands())
    if (name == c.name) return c;
  throw std::logic_error("no command " + name);
}

const Option& option(const std::string& name) {
  for (const Option& o : options())
    if (name == o.name) return o;
  throw std::logic_error("no option " + name);
}

/// CLI11's help, with each usage line spelled out (the command, its files, every option it
/// takes) and the overview's usage listing every command's line, which is also how help2man's
/// SYNOPSIS finds them (cmake/install/man_page.cmake).
class Help : public CLI::Formatter {
 public:
  Help() { column_width(20); }
  std::string make_usage(const CLI::App* app, std::string) const override {
    if (app->get_parent() != nullptr) return "usage: " + usage_line(*app) + "\n";
    std::string out = "usage:\n";
    for (const CLI::App* cmd : app->get_subcommands({})) out += "  " + usage_line(*cmd) + "\n";
    return out + "  nullity --help | nullity COMMAND --help | nullity --version\n";
  }
  /// The usage lines name the files and list the commands.
  std::string make_positionals(const CLI::App*) const override { return {}; }
  std::string make_subcommands(const CLI::App*, CLI::AppFormatMode) const override { return {}; }

 private:
  static std::string usage_line(const CLI::App& cmd) {
    std::string out = "nullity " + cmd.get_name() + " " + command(cmd.get_name()).files;
    for (const CLI::Option* o : cmd.get_options())
      if (o->nonpositional() && o != cmd.get_help_ptr())
        out += " [" + o->get_name() + (o->get_type_name().empty() ? "" : " " + o->get_type_name()) + "]";
    return out;
  }
};

/// The whole command line: every command with the options it takes, reading into `p`.
void define(CLI::App& app, Parsed& p) {
  app.formatter(std::make_shared<Help>());
  app.set_help_flag("-h,--help", "print this help and exit");
  app.set_version_flag("--version", version_text(), "print the version and exit");
  // Descriptions end in a newline: a blank line before the usage.
  app.description("nullity: numerical rank, null space and minimum-norm least squares you can check.\n");
  app.footer(
      "Files: .npy (float64/float32/int32/int64, C or Fortran order, either endianness, 1-D or 2-D;\n"
      "3-D and up are stacks), .csv/.txt (comma or whitespace separated, # comments), .mtx (Matrix\n"
      "Market), .npz and .safetensors (many arrays: rank, analyze and layers answer per array).\n"
      "Run 'nullity COMMAND --help' for a command's options.\n" +
      std::string(kExitStatus));
  // Unknown words are kept, not refused, so that the messages can say what they are.
  app.allow_extras();
  // One command; a file named like a command is a file.
  app.require_subcommand(0, 1);
  for (const Command& c : commands()) {
    CLI::App* cmd = app.add_subcommand(c.name, std::string(c.summary) + ".\n");
    cmd->footer(std::string(c.note) + kExitStatus);
    cmd->add_option("files", p.a.positional)->expected(0, -1);  // counted after parsing
    for (const std::string& name : c.options) {
      const Option& o = option(name);
      const auto read = [&p, &o](const std::string& v) { o.read(p, v); };
      // Each occurrence is read as it comes: the first bad value is the error, and of an option
      // given twice the last value counts.
      (o.value ? cmd->add_option_function<std::string>(o.name, read, o.help)->type_name(o.value)
               : cmd->add_flag_callback(o.name, [read] { read(""); }, o.help))
          ->trigger_on_parse();
    }
  }
  // The overview's usage lines name --help and --version; listed under "Options:" too, they would
  // make help2man write an OPTIONS section of them and the text after them. Hidden only now: a
  // command copies the help flag from a visible one.
  app.get_help_ptr()->group("");
  app.get_version_ptr()->group("");
}

/// The usage error for the first word CLI11 left over (the files take every other word): an
/// option that only other commands take, or an unknown one.
void refuse_extras(const CLI::App& app, const CLI::App& cmd) {
  const std::vector<std::string> left = cmd.remaining();
  if (left.empty()) return;
  const std::string word = left.front().substr(0, left.front().find('='));
  bool taken = app.get_option_no_throw(word) != nullptr;
  for (const CLI::App* other : app.get_subcommands({})) taken = taken || other->get_option_no_throw(word) != nullptr;
  throw usage_error(taken ? "'" + cmd.get_name() + "' does not take " + word : "unknown option '" + word + "'");
}

}  // namespace

std::string version_text() { return std::string("nullity ") + NULLITY_VERSION + "\n"; }

std::string help_text(const std::string& command) {
  CLI::App app;
  Parsed p;
  define(app, p);
  return command.empty() ? app.help() : app.get_subcommand(command)->help();
}

Arguments parse_arguments(const std::vector<std::string>& argv) {
  if (argv.empty()) throw usage_error("no command given");
  CLI::App app;
  Parsed p;
  Arguments& a = p.a;
  define(app, p);
  if (argv[0] == "help") {
    a.help = true;
    return a;
  }
  try {
    app.parse(std::vector<std::string>(argv.rbegin(), argv.rend()));  // CLI11 takes them last first
  } catch (const CLI::CallForHelp&) {
    a.help = true;
  } catch (const CLI::CallForVersion&) {
    a.version = true;
  } catch (const CLI::ArgumentMismatch& e) {
    // An option's value is the next word, whatever it is, so this is the last word lacking its
    // value; CLI11 would say "--rtol: 1 required R missing".
    const std::string name = argv.back().substr(0, argv.back().find('='));
    const auto selected = app.get_subcommands();
    if (!selected.empty() && selected[0]->get_option_no_throw(name) != nullptr)
      throw usage_error(name + " needs a value");
    throw usage_error(e.what());
  } catch (const CLI::ParseError& e) {
    throw usage_error(e.what());
  }
  const auto selected = app.get_subcommands();
  const bool command_first = !selected.empty() && selected[0]->get_name() == argv[0];
  // The first word is the command, or a request for help or the version.
  if (!command_first && !((a.help || a.version) && app.get_option_no_throw(argv[0]) != nullptr))
    throw usage_error("unknown command '" + argv[0] + "'");
  if (command_first) a.command = argv[0];
  if (a.help || a.version) return a;
  refuse_extras(app, *selected[0]);
  // CLI11 hands the words after "--" to the top level: they are files.
  for (const std::string& word : app.remaining()) a.positional.push_back(word);

  // The preset sets the rule; --rtol, when given, overrides the rule's default rtol.
  const nullity::Options base = find_preset(p.preset)->second(p.rtol);
  a.options.rule = base.rule;
  a.options.rtol = p.preset == "lapack" || p.rtol < 0 ? base.rtol : p.rtol;

  const Command& spec = command(a.command);
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
