#pragma once
// The command line of `nullity` (design §5): commands, their options, and usage errors. CLI11
// reads the words; the commands, options and checks are defined in arguments.cpp.

#include <stdexcept>
#include <string>
#include <vector>

#include <nullity/options.hpp>

namespace nullity_cli {

/// A usage error: the message is printed as "nullity: error: <what>" followed by a usage hint,
/// and the exit code is 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Arguments {
  std::string command;                  ///< rank, null, solve, analyze, layers, compare, demo
  std::vector<std::string> positional;  ///< file names (X, Y) or a walkthrough name
  nullity::Options options;             ///< from --method, --rtol, --atol, --preset
  bool json = false;                    ///< --json
  bool oracle = false;                  ///< --oracle
  bool help = false;                    ///< --help / -h
  bool version = false;                 ///< --version
  bool all_rules = false;               ///< --all-rules (rank)
  std::string output;                   ///< -o FILE, empty if absent
  std::string plot;                     ///< --plot FILE.png (layers), empty if absent
};

/// Parses argv. \throws usage_error for an unknown command or option, a missing or malformed
/// value, an option the command does not take, or the wrong number of files.
Arguments parse_arguments(const std::vector<std::string>& argv);

/// The help text: the overview for an empty command, else that command's usage.
std::string help_text(const std::string& command);

/// "nullity VERSION\n".
std::string version_text();

}  // namespace nullity_cli
