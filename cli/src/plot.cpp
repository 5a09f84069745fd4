#include "plot.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "inputs.hpp"
#include "json.hpp"

extern char** environ;

namespace nullity_cli {
namespace {

// The figure: the data file (JSON) and the output path come as arguments.
constexpr const char* kScript = R"PY(
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
data = json.load(open(sys.argv[1]))
fig, ax = plt.subplots(figsize=(7, 4.5))
for s in data["spectra"]:
    v = [x for x in s["values"] if x is not None]
    if not v or not v[0] > 0:
        continue
    p = len(v)
    ax.semilogy([(i + 1) / p for i in range(p)], [max(x / v[0], 1e-17) for x in v], label=s["name"], lw=1.2)
ax.set_xlabel("i / min(n, d)")
ax.set_ylabel("s_i / s_1")
ax.set_ylim(bottom=1e-17)
ax.set_title(data["title"])
ax.grid(True, which="both", alpha=0.3)
if len(data["spectra"]) <= 16:
    ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=110, format="png")
)PY";

}  // namespace

void plot_spectra(const std::string& png, const std::string& title, const std::vector<Spectrum>& spectra) {
  Json data = Json::object();
  data["title"] = title;
  Json list = Json::array();
  for (const Spectrum& s : spectra) {
    Json one = Json::object();
    one["name"] = s.name;
    one["values"] = json_vector(s.values);
    list.push_back(one);
  }
  data["spectra"] = list;
  const std::string text = json_text(data);

  const char* tmpdir = std::getenv("TMPDIR");
  std::string data_template = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/nullity-plot-XXXXXX";
  char* data_path = data_template.data();
  const int fd = ::mkstemp(data_path);
  if (fd < 0) throw input_error(png, std::string("cannot create the plot's data file: ") + std::strerror(errno));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!written) {
    ::unlink(data_path);
    throw input_error(png, "cannot write the plot's data file");
  }
  // matplotlib picks the format from format="png", so the temporary name may end otherwise.
  const std::string partial = png + ".partial-" + std::to_string(::getpid());
  const char* env = std::getenv("PYTHON");
  const std::string python = env && *env ? env : "python3";
  std::vector<std::string> args = {python, "-c", kScript, data_path, partial};
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  // The interpreter's own messages would break the one-line error rule: silence them.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, python.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (spawned == 0) ::waitpid(pid, &status, 0);
  ::unlink(data_path);
  if (spawned != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ::unlink(partial.c_str());
    throw input_error(png, "cannot draw the plot: '" + python + "' with matplotlib failed" +
                               (spawned != 0 ? " to start" : " (exit " + std::to_string(WEXITSTATUS(status)) + ")") +
                               "; is python3-matplotlib installed? (PYTHON selects the interpreter)");
  }
  if (::rename(partial.c_str(), png.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(partial.c_str());
    throw input_error(png, "cannot rename the plot into place: " + why);
  }
}

}  // namespace nullity_cli
