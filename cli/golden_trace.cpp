#include "cli/golden_trace.hpp"

#include <fstream>
#include <sstream>

#include "cli/run_report.hpp"

namespace paxoslab::cli {

std::string golden_trace_path(const std::string& scenario_path) {
  const std::string ext = ".toml";
  if (scenario_path.size() > ext.size() && scenario_path.compare(scenario_path.size() - ext.size(), ext.size(), ext) == 0)
    return scenario_path.substr(0, scenario_path.size() - ext.size()) + ".trace";
  return scenario_path + ".trace";
}

std::string trace_text(const Simulation& sim) {
  std::ostringstream out;
  print_trace(out, sim);
  return out.str();
}

namespace {

/// Line `i` (0-based) of `lines`, or "(end of file)".
std::string line_or_end(const std::vector<std::string>& lines, std::size_t i) {
  return i < lines.size() ? lines[i] : std::string("(end of file)");
}

/// Splits at '\n'; a last line without '\n' is kept with a marker, so that
/// a missing final newline is a difference too.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      out.push_back(text.substr(start) + " (no newline at end of file)");
      break;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace

TraceDifference first_difference(const std::string& expected, const std::string& actual) {
  TraceDifference d;
  if (expected == actual) return d;
  const auto e = lines_of(expected);
  const auto a = lines_of(actual);
  std::size_t i = 0;
  while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
  d.same = false;
  d.line = static_cast<int>(i + 1);
  d.expected = line_or_end(e, i);
  d.actual = line_or_end(a, i);
  return d;
}

std::string write_text_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return "cannot open '" + path + "' for writing";
  f << text;
  f.close();
  if (!f) return "cannot write '" + path + "'";
  return {};
}

}  // namespace paxoslab::cli
