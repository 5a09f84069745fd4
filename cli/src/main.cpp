// nullity: the command-line front end (design §5). Output is composed in full before anything
// is printed, files are written atomically, and an interrupt removes a partial output file, so
// a failure never leaves partial output.

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include <nullity/invalid_input.hpp>
#include <nullity/io.hpp>

#include "arguments.hpp"
#include "commands.hpp"
#include "inputs.hpp"

namespace {

constexpr int kBadInput = 1;
constexpr int kUsage = 2;

extern "C" void on_interrupt(int signal_number) {
  nullity::io::discard_partial_write();  // async-signal-safe: one unlink()
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);  // die of the signal, so the caller sees how we ended
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t k = ::write(fd, text.data() + done, text.size() - done);
    if (k <= 0) return;
    done += static_cast<std::size_t>(k);
  }
}

int fail(const std::string& message, bool usage_hint = false) {
  std::string text = "nullity: error: " + message + "\n";
  if (usage_hint) text += "Try 'nullity --help' for usage.\n";
  write_all(2, text);
  return usage_hint ? kUsage : kBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  using namespace nullity_cli;
  try {
    const Arguments a = parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
    if (a.help || a.version) {
      write_all(1, a.version ? version_text() : help_text(a.command));
      return 0;
    }
    Result r;
    if (a.command == "rank") r = run_rank(a);
    else if (a.command == "null") r = run_null(a);
    else if (a.command == "solve") r = run_solve(a);
    else if (a.command == "analyze") r = run_analyze(a);
    else if (a.command == "layers") r = run_layers(a);
    else if (a.command == "compare") r = run_compare(a);
    else r = run_demo(a);
    write_all(1, r.out);
    if (!r.note.empty()) write_all(2, "nullity: note: " + r.note + "\n");
    return r.status;
  } catch (const usage_error& e) {
    return fail(e.what(), true);
  } catch (const input_error& e) {
    return fail(e.file() + ": " + e.what());
  } catch (const std::bad_alloc&) {
    return fail("out of memory");
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
