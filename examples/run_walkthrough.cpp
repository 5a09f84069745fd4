// nullity_walkthrough [--figure-data DIR] [NAME...]: runs the named seed walkthroughs (all of
// them, in order, when none is named). Exit status 0 when every check passed, 1 when one
// failed or a walkthrough could not run, 2 for a usage error.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "nullity_examples/walkthroughs.hpp"
#include "figure_data.hpp"  // examples-internal: the --figure-data flag

int main(int argc, char** argv) {
  const auto& all = nullity_examples::walkthroughs();
  std::vector<const nullity_examples::Walkthrough*> chosen;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--figure-data") {
      if (i + 1 == argc) {
        std::cerr << "nullity_walkthrough: error: --figure-data needs a directory\n";
        return 2;
      }
      nullity_examples::set_figure_directory(argv[++i]);
      continue;
    }
    const nullity_examples::Walkthrough* found = nullptr;
    for (const auto& w : all)
      if (w.name == arg) found = &w;
    if (!found) {
      std::cerr << "nullity_walkthrough: error: unknown walkthrough '" << arg << "' (known:";
      for (const auto& w : all) std::cerr << ' ' << w.name;
      std::cerr << ")\n";
      return 2;
    }
    chosen.push_back(found);
  }
  if (chosen.empty())
    for (const auto& w : all) chosen.push_back(&w);

  bool ok = true;
  for (const auto* w : chosen) {
    std::cout << "== " << w->title << " ==\n";
    try {
      ok = w->run(std::cout) && ok;
    } catch (const std::exception& e) {
      std::cerr << "nullity_walkthrough: error: " << w->name << ": " << e.what() << '\n';
      ok = false;
    }
    std::cout << '\n';
  }
  return ok ? 0 : 1;
}
