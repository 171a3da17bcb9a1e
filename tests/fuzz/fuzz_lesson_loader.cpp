// libFuzzer target: the lesson loader (core/lessons/lesson_loader.hpp) on any bytes,
// and the Markdown of every page, exercise and prediction it accepts
// (gui/model/lesson_markdown.hpp, compiled in: md4c without ImGui).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/lessons/lesson_loader.hpp"
#include "gui/model/lesson_markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const paxoslab::LessonLoad l = paxoslab::load_lesson_string(text, "fuzz.toml");
  if (!l.ok()) {
    if (l.error) (void)l.error->to_string();
    return 0;
  }
  for (const auto& page : l.lesson->pages) {
    (void)paxoslab::gui::parse_lesson_markdown(page.text_markdown);
    if (page.predict) (void)paxoslab::gui::parse_lesson_markdown(page.predict->question_markdown);
  }
  for (const auto& e : l.lesson->exercises) (void)paxoslab::gui::parse_lesson_markdown(e.task_markdown);
  return 0;
}
