// Exporting the sequence chart (gui/app/chart_export.hpp): the SVG holds the
// chart's shapes as paths and its texts as <text> (lane names, message
// labels), only the chart (not its toolbar), the style is restored after the
// export frame, and an export never replaces an existing file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gui/app/chart_export.hpp"
#include "gui/app/headless_chart.hpp"
#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(ChartExport, SvgHoldsTheChartAsShapesAndText) {
  const auto dir = std::filesystem::temp_directory_path() / "paxoslab-chart-export-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig05_leader_crash.toml")), "");
  while (app.session().step()) {
  }
  h.frame(app);
  const bool aa_before = ImGui::GetStyle().AntiAliasedLines;
  const std::string path = (dir / "chart.svg").string();
  app.queue().push(cmd::ExportChart{path});
  h.frame(app);  // applies the command: the export happens in the next frame
  h.frame(app);
  app.after_render();
  EXPECT_EQ(ImGui::GetStyle().AntiAliasedLines, aa_before) << "the style is restored";
  ASSERT_TRUE(std::filesystem::exists(path)) << app.ui().status;
  const std::string svg = read(path);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_GT(count(svg, "<path "), 5);
  for (const char* text : {">S1</text>", ">S2</text>", ">C1</text>", ">C2</text>", "m1"})
    EXPECT_NE(svg.find(text), std::string::npos) << text;
  EXPECT_EQ(svg.find(">Follow</text>"), std::string::npos) << "the toolbar is not part of the figure";
  EXPECT_EQ(count(svg, "<text"), count(svg, "</text>"));
  // A second export with the same name keeps the first file.
  app.queue().push(cmd::ExportChart{path});
  h.frame(app);
  h.frame(app);
  app.after_render();
  EXPECT_TRUE(std::filesystem::exists(dir / "chart-2.svg")) << app.ui().status;
  EXPECT_EQ(read(path), svg);
  std::filesystem::remove_all(dir);
}

TEST(ChartExport, UnusedPathNeverReplacesAFile) {
  const auto dir = std::filesystem::temp_directory_path() / "paxoslab-unused-path-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string p = (dir / "a.svg").string();
  EXPECT_EQ(unused_path(p), p);
  std::ofstream(p) << "x";
  EXPECT_EQ(unused_path(p), (dir / "a-2.svg").string());
  std::ofstream(dir / "a-2.svg") << "x";
  EXPECT_EQ(unused_path(p), (dir / "a-3.svg").string());
  std::filesystem::remove_all(dir);
}

// `paxos-lab-cli run FILE --chart FILE.svg` uses this: no window, no current context.
TEST(ChartExport, HeadlessExportNeedsNoWindow) {
  const auto out = std::filesystem::temp_directory_path() / "paxoslab-headless-chart.svg";
  std::filesystem::remove(out);
  EXPECT_EQ(export_chart_headless(test::scenario_path("fig05_leader_crash.toml"), out.string()), "");
  const std::string svg = read(out);
  EXPECT_NE(svg.find(">S1</text>"), std::string::npos);
  EXPECT_NE(svg.find("m1"), std::string::npos);
  EXPECT_NE(export_chart_headless("/no/such/file.toml", out.string()), "");
  std::filesystem::remove(out);
}

}  // namespace
}  // namespace paxoslab::gui
