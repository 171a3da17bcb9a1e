#include "gui/panels/lesson_panel.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>

#include "gui/model/goal_words.hpp"
#include "gui/model/moment_words.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

constexpr ImU32 kHighlight = IM_COL32(255, 196, 0, 255);
constexpr ImU32 kHighlightBand = IM_COL32(255, 196, 0, 40);
constexpr ImU32 kEmphasis = IM_COL32(250, 220, 150, 255);
constexpr ImU32 kCode = IM_COL32(170, 220, 255, 255);
constexpr ImU32 kCodeBg = IM_COL32(45, 52, 64, 255);
constexpr ImU32 kLinkText = IM_COL32(110, 170, 255, 255);
// ImGui 1.86's ImVec4 has no constexpr constructor: colours as functions.
ImVec4 done_color() { return ImVec4(0.3f, 0.8f, 0.45f, 1.0f); }
ImVec4 broken_color() { return ImVec4(0.95f, 0.4f, 0.4f, 1.0f); }
ImVec4 dim_color() { return ImVec4(0.6f, 0.63f, 0.68f, 1.0f); }

ImFont* or_default(ImFont* f) { return f ? f : ImGui::GetFont(); }

const std::vector<MdBlock>& parsed(LessonPanelState& state, const std::string& text) {
  auto it = state.markdown_cache.find(text);
  if (it == state.markdown_cache.end()) it = state.markdown_cache.emplace(text, parse_lesson_markdown(text)).first;
  return it->second;
}

/// Splits `text` into words, each with its trailing spaces.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    while (j < text.size() && text[j] == ' ') ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

/// Lays out styled runs left to right with word wrap from `indent`; reserves the space used.
void flow(const std::vector<MdRun>& runs, const Fonts& fonts, float indent) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float left = start.x + indent;
  const float right = start.x + std::max(ImGui::GetContentRegionAvail().x, indent + 40.0f);
  const float size = ImGui::GetFontSize();
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  float x = left;
  float y = start.y;
  for (const MdRun& run : runs) {
    ImFont* font = run.strong ? or_default(fonts.bold) : or_default(fonts.regular);
    const ImU32 col = !run.link.empty() ? kLinkText : run.code ? kCode : run.emphasis ? kEmphasis : theme::kText;
    for (const std::string& w : words(run.text)) {
      std::string_view shown = w;
      const std::size_t last = w.find_last_not_of(' ');
      const std::string_view core = last == std::string::npos ? std::string_view() : std::string_view(w).substr(0, last + 1);
      // (an empty range must not reach CalcTextSizeA: a null end means "up to the NUL")
      const float core_w =
          core.empty() ? 0.0f : font->CalcTextSizeA(size, FLT_MAX, 0, core.data(), core.data() + core.size()).x;
      if (x > left && x + core_w > right) {
        x = left;
        y += line_h;
        if (core.empty()) continue;  // no spaces at the start of a line
      }
      if (shown.empty()) continue;
      const float w_px = font->CalcTextSizeA(size, FLT_MAX, 0, shown.data(), shown.data() + shown.size()).x;
      if (run.code && !core.empty())
        dl->AddRectFilled(ImVec2(x - 2, y - 1), ImVec2(x + core_w + 2, y + size + 1), kCodeBg, 3.0f);
      dl->AddText(font, size, ImVec2(x, y), col, shown.data(), shown.data() + shown.size());
      if (!run.link.empty() && !core.empty()) {
        dl->AddLine(ImVec2(x, y + size), ImVec2(x + core_w, y + size), col, 1.0f);
        if (ImGui::IsMouseHoveringRect(ImVec2(x, y), ImVec2(x + core_w, y + size)))
          ImGui::SetTooltip("%s", run.link.c_str());
      }
      x += w_px;
    }
  }
  ImGui::Dummy(ImVec2(right - start.x, y + line_h - start.y));
}

void code_block(const MdBlock& b, const Fonts& fonts) {
  const std::string text = b.plain();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImFont* font = or_default(fonts.regular);
  const ImVec2 sz = font->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, 0, text.c_str());
  const float w = std::max(ImGui::GetContentRegionAvail().x, sz.x + 12);
  dl->AddRectFilled(start, ImVec2(start.x + w, start.y + sz.y + 8), kCodeBg, 4.0f);
  dl->AddText(font, ImGui::GetFontSize(), ImVec2(start.x + 6, start.y + 4), kCode, text.c_str());
  ImGui::Dummy(ImVec2(w, sz.y + 10));
}

std::string stages_text(const Lesson& l) {
  std::string s = l.stages.size() == 1 ? "Stage " : "Stages ";
  for (std::size_t i = 0; i < l.stages.size(); ++i) s += (i ? ", " : "") + std::to_string(l.stages[i]);
  return s;
}

void draw_list(const LessonModel& model, LessonPanelState& state, const Fonts& fonts, std::vector<LessonCommand>& out) {
  ImGui::PushFont(or_default(fonts.bold));
  ImGui::TextUnformatted("Lessons: Paxos from scratch");
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, dim_color());
  ImGui::TextWrapped("From one server to Multi-Paxos, one broken stage at a time. Start with lesson 1.");
  ImGui::PopStyleColor();
  ImGui::Separator();
  if (model.lessons().empty() && model.broken().empty())
    ImGui::TextWrapped("No lessons found. Set PAXOSLAB_DATA_DIR (the folder holding lessons/ and scenarios/) or open one with --lesson FILE.");
  for (std::size_t i = 0; i < model.lessons().size(); ++i) {
    const Lesson& l = model.lessons()[i];
    const std::string mark = model.progress_mark(l);
    ImGui::PushID(static_cast<int>(i));
    const std::string label = std::to_string(l.order) + ". " + l.title;
    if (ImGui::Selectable(label.c_str(), model.current_index() == i)) out.push_back(lesson_cmd::Open{i});
    if (ImGui::IsItemHovered()) item_tooltip(l.summary.c_str());
    if (!mark.empty()) {
      ImGui::SameLine(std::max(ImGui::GetContentRegionAvail().x - 40.0f, 120.0f));
      ImGui::TextColored(mark == "done" ? done_color() : dim_color(), "%s", mark == "done" ? "[done]" : mark.c_str());
    }
    ImGui::PushStyleColor(ImGuiCol_Text, dim_color());
    ImGui::Indent();
    ImGui::TextUnformatted((stages_text(l) + (l.figure.empty() ? "" : "  -  " + l.figure)).c_str());
    ImGui::Unindent();
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  for (const LoadError& e : model.broken()) {
    ImGui::PushStyleColor(ImGuiCol_Text, broken_color());
    ImGui::TextWrapped("Broken lesson file: %s", e.to_string().c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  if (!model.progress_warning().empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, broken_color());
    ImGui::TextWrapped("%s", model.progress_warning().c_str());
    ImGui::PopStyleColor();
  }
  if (!state.confirm_reset) {
    if (ImGui::SmallButton("Reset progress")) state.confirm_reset = true;
  } else {
    ImGui::TextUnformatted("Forget all progress?");
    ImGui::SameLine();
    if (ImGui::SmallButton("Yes, reset")) {
      out.push_back(lesson_cmd::ResetProgress{});
      state.confirm_reset = false;
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) state.confirm_reset = false;
  }
}

/// The checked goal as a short indented list (goal_lines): "Goal: X" when it
/// is one line, else "Goal:" and a bullet per part.
void draw_goal_lines(const Goal& goal) {
  const std::vector<GoalLine> lines = goal_lines(goal);
  if (lines.size() == 1) {
    ImGui::TextWrapped("Goal: %s", lines.front().text.c_str());
  } else {
    ImGui::TextUnformatted("Goal:");
    const float step = ImGui::GetFontSize();
    for (const GoalLine& l : lines) {
      const float indent = step * static_cast<float>(l.depth + 1);
      ImGui::Indent(indent);
      ImGui::Bullet();
      ImGui::TextWrapped("%s", l.text.c_str());
      ImGui::Unindent(indent);
    }
  }
}

/// The exercise's goal: its plain words (goal_text, docs/lesson-format.md)
/// with what is checked in a tooltip, or the checked goal's lines when the
/// lesson has no words for it.
void draw_goal(const Exercise& e) {
  ImGui::PushStyleColor(ImGuiCol_Text, dim_color());
  if (e.goal_text.empty()) {
    draw_goal_lines(e.goal);
  } else {
    ImGui::TextWrapped("Done when: %s", e.goal_text.c_str());
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
      ImGui::TextUnformatted("What the app checks after every event:");
      draw_goal_lines(e.goal);
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  ImGui::PopStyleColor();
}

void draw_exercises(const LessonModel& model, LessonPanelState& state, const Fonts& fonts, std::vector<LessonCommand>& out) {
  const Lesson& l = *model.current();
  if (l.exercises.empty()) return;
  section_title("Try it yourself");
  for (std::size_t i = 0; i < l.exercises.size(); ++i) {
    const Exercise& e = l.exercises[i];
    const ExerciseStatus& st = model.exercise_status()[i];
    const bool running = (model.run_kind() == LessonRunKind::Exercise || model.run_kind() == LessonRunKind::ShowMe) &&
                         model.run_exercise() == i && !model.detached();
    ImGui::PushID(static_cast<int>(i));
    if (st.achieved) {
      ImGui::TextColored(done_color(), "Done!");
      ImGui::SameLine();
    }
    draw_markdown(parsed(state, e.task_markdown), fonts);
    draw_goal(e);
    if (ImGui::Button(running && model.run_kind() == LessonRunKind::Exercise ? "Start over" : "Try it"))
      out.push_back(lesson_cmd::StartExercise{i});
    if (ImGui::IsItemHovered())
      item_tooltip("Sets up the exercise's run, paused at its start. Then use the app's tools (click a message, a "
                   "server or a link; the Faults tab) and play.");
    ImGui::SameLine();
    const bool more_hints = st.hints_shown < static_cast<int>(e.hints.size());
    if (!more_hints) ImGui::BeginDisabled();
    if (ImGui::Button("Hint")) out.push_back(lesson_cmd::Hint{i});
    if (!more_hints) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Show me")) out.push_back(lesson_cmd::ShowMe{i});
    if (ImGui::IsItemHovered()) item_tooltip("Plays the exercise with a solution added to its script.");
    for (int h = 0; h < st.hints_shown; ++h) {
      ImGui::Bullet();
      ImGui::SameLine();
      draw_markdown(parsed(state, e.hints[static_cast<std::size_t>(h)]), fonts);
    }
    if (running) {
      if (model.run_kind() == LessonRunKind::ShowMe)
        ImGui::TextColored(st.shown ? done_color() : dim_color(), st.shown ? "The solution reached the goal." : "Playing the solution...");
      else if (st.achieved)
        ImGui::TextColored(done_color(), "Goal reached at t=%lld - well done.", static_cast<long long>(st.achieved_tick));
      else
        ImGui::TextColored(dim_color(), "Running your attempt: the goal is checked after every event.");
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
}

float button_width(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

/// How many rows the secondary navigation buttons take when each one that does not fit starts a new row
/// (as same_line_if_fits places them).
int nav_rows(const Lesson& l) {
  std::vector<std::string> labels{"< Back", "Replay"};
  if (l.compare) labels.push_back("Compare " + std::to_string(l.compare->first) + " vs " + std::to_string(l.compare->second));
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  int rows = 1;
  float x = -gap;
  for (const std::string& label : labels) {
    const float w = button_width(label.c_str());
    if (x > 0 && x + gap + w > avail) {
      ++rows;
      x = w;
    } else {
      x += gap + w;
    }
  }
  return rows;
}

/// `text` in `col`, wrapped at the panel's edge.
void colored_wrapped(ImVec4 col, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

/// `text` cut to fit `width` pixels with "..." (whole if it fits).
std::string fit_text(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::string s = text;
  while (s.size() > 4 && ImGui::CalcTextSize((s + "...").c_str()).x > width) s.pop_back();
  return s + "...";
}

/// The page's question before the run plays; after it, which choice the run
/// took (green), the learner's answer (red when it differs) and why.
void draw_prediction(const LessonModel& model, LessonPanelState& state, const Fonts& fonts, std::vector<LessonCommand>& out) {
  const LessonPage& p = *model.current_page();
  if (!p.predict) return;
  const Prediction& pr = *p.predict;
  const auto chosen = model.answer(model.page());
  const PredictionReveal* reveal = model.reveal();
  ImGui::Spacing();
  ImGui::PushFont(or_default(fonts.bold));
  ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", chosen ? "You predicted" : "Predict, then watch");
  ImGui::PopFont();
  draw_markdown(parsed(state, pr.question_markdown), fonts);
  static const char* kLetters[] = {"A", "B", "C", "D", "E", "F"};
  for (std::size_t i = 0; i < pr.choices.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const char* letter = kLetters[std::min<std::size_t>(i, 5)];
    const bool taken = reveal && reveal->taken == i;
    const bool mine = chosen == i;
    if (!chosen) {
      if (ImGui::Button(letter, ImVec2(ImGui::GetFrameHeight() * 1.4f, 0))) out.push_back(lesson_cmd::Answer{i});
      if (ImGui::IsItemHovered()) item_tooltip("My answer: then the run plays to this page's moment and shows what happened.");
    } else {
      const ImVec4 col = taken ? done_color() : (mine && reveal) ? broken_color() : dim_color();
      ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(col.x * 0.45f, col.y * 0.45f, col.z * 0.45f, 1.0f));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(col.x * 0.45f, col.y * 0.45f, col.z * 0.45f, 1.0f));
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(col.x * 0.45f, col.y * 0.45f, col.z * 0.45f, 1.0f));
      ImGui::Button(letter, ImVec2(ImGui::GetFrameHeight() * 1.4f, 0));
      ImGui::PopStyleColor(3);
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    draw_markdown(parsed(state, pr.choices[i].text_markdown), fonts);
    if (taken)
      colored_wrapped(done_color(), mine ? "The run did this - your answer, right!" : "The run did this.");
    else if (mine && reveal)
      colored_wrapped(broken_color(), "Your answer - not what the run did.");
    else if (mine)
      colored_wrapped(dim_color(), "Your answer - watch the run.");
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (reveal) {
    if (!reveal->taken) colored_wrapped(dim_color(), "None of the choices happened in this run (was it changed?).");
    if (reveal->event && !reveal->event->why.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.85f, 0.45f, 1.0f));
      ImGui::TextWrapped("Why (from the trace, t = %lld): %s", static_cast<long long>(reveal->event->tick),
                         reveal->event->why.c_str());
      ImGui::PopStyleColor();
    }
    if (!pr.explanation_markdown.empty()) draw_markdown(parsed(state, pr.explanation_markdown), fonts);
  }
}

/// Where the run is on its way to this page's moment.
void draw_play_status(const LessonModel& model) {
  const LessonPage& p = *model.current_page();
  const std::string quiet = model.quiet_note();
  if (model.playing_page()) {
    const std::string to = p.pause_at ? moment_words(*p.pause_at) : std::string("the end of the run");
    colored_wrapped(dim_color(), "Playing to: " + to + " ...");
  }
  if (!quiet.empty()) colored_wrapped(dim_color(), "(skipped: " + quiet + ")");
}

/// The lesson's view toggles: frame the moment / the whole run, dim the rest.
void draw_view_row(const LessonModel& model, std::vector<LessonCommand>& out) {
  const bool on_script = model.run_kind() == LessonRunKind::Script && !model.detached();
  if (!on_script) ImGui::BeginDisabled();
  if (ImGui::SmallButton(model.framing() ? "Whole run" : "Frame moment"))
    out.push_back(lesson_cmd::SetFraming{!model.framing()});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip(model.framing() ? "Zoom the sequence chart out to the whole run (Z)."
                                 : "Zoom the sequence chart to the ticks around this page's moment (Z).");
  ImGui::SameLine();
  bool dim = model.dimming();
  if (ImGui::Checkbox("Dim the rest", &dim)) out.push_back(lesson_cmd::SetDimming{dim});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip("Dim the messages, lanes and servers this page does not talk about (D). Untick to undim.");
  if (!on_script) ImGui::EndDisabled();
}

/// The lesson's head: back to the list, its stages and figure, its title, and
/// a warning when the app shows another run than the lesson's.
void draw_lesson_head(const LessonModel& model, const Fonts& fonts, std::vector<LessonCommand>& out) {
  const Lesson& l = *model.current();
  if (ImGui::SmallButton("< All lessons")) out.push_back(lesson_cmd::Close{});
  ImGui::SameLine();
  ImGui::TextColored(dim_color(), "%s%s", stages_text(l).c_str(), l.figure.empty() ? "" : ("  -  " + l.figure).c_str());
  ImGui::PushFont(or_default(fonts.large ? fonts.large : fonts.bold));
  ImGui::TextWrapped("%d. %s", l.order, l.title.c_str());
  ImGui::PopFont();
  if (model.detached()) {
    ImGui::PushStyleColor(ImGuiCol_Text, broken_color());
    ImGui::TextWrapped("The app shows another run now; the lesson is not checking it.");
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Back to the lesson's run")) out.push_back(lesson_cmd::Replay{});
  }
  ImGui::Separator();
}

/// The pause note without its server-count warning (the page shows that at its top).
std::string note_without_warning(const std::string& note) {
  const std::size_t w = note.find(" The lesson is written for ");
  return w == std::string::npos ? note : note.substr(0, w);
}

/// The page itself: its title, the server-count warning, its text, the
/// prediction, where the run is, the pause note, and the exercises.
void draw_page_body(const LessonModel& model, LessonPanelState& state, const Fonts& fonts, std::vector<LessonCommand>& out,
                    int run_servers) {
  const LessonPage& p = *model.current_page();
  ImGui::PushFont(or_default(fonts.bold));
  ImGui::TextWrapped("%s", p.title.c_str());
  ImGui::PopFont();
  ImGui::TextColored(dim_color(), "Page %d of %d", model.page() + 1, static_cast<int>(model.current()->pages.size()));
  // Before the text and any question: a prediction is asked about this run.
  if (const std::string w = servers_warning(*model.current(), run_servers); !w.empty())
    colored_wrapped(ImVec4(1.0f, 0.77f, 0.0f, 1.0f), w);
  ImGui::Spacing();
  draw_markdown(parsed(state, p.text_markdown), fonts);
  draw_prediction(model, state, fonts, out);
  draw_play_status(model);
  if (const std::string note = note_without_warning(model.pause_note()); !note.empty()) {
    ImGui::Spacing();
    colored_wrapped(ImVec4(1.0f, 0.77f, 0.0f, 1.0f), note);
  }
  if (model.run_kind() != LessonRunKind::Script && !model.detached()) {
    ImGui::TextColored(dim_color(), "(An exercise run is showing.)");
    ImGui::SameLine();
    if (ImGui::SmallButton("Back to the lesson's run")) out.push_back(lesson_cmd::Replay{});
  }
  ImGui::Spacing();
  draw_exercises(model, state, fonts, out);
}

/// Back, Replay, Compare and Next lesson, each on the row if it fits (nav_rows counts the rows).
void draw_nav_buttons(const LessonModel& model, std::vector<LessonCommand>& out) {
  const Lesson& l = *model.current();
  const int page = model.page();
  if (page == 0) ImGui::BeginDisabled();
  if (ImGui::Button("< Back")) out.push_back(lesson_cmd::Back{});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip("The previous page, at its moment (the run rewinds there; nothing is replayed).");
  if (page == 0) ImGui::EndDisabled();
  same_line_if_fits(button_width("Replay"));
  if (ImGui::Button("Replay")) out.push_back(lesson_cmd::Replay{});
  if (ImGui::IsItemHovered()) item_tooltip("Play this page again, from the previous page's moment to this one's.");
  if (l.compare) {
    const std::string label = "Compare " + std::to_string(l.compare->first) + " vs " + std::to_string(l.compare->second);
    same_line_if_fits(button_width(label.c_str()));
    if (ImGui::Button(label.c_str())) out.push_back(lesson_cmd::Compare{});
    if (ImGui::IsItemHovered()) item_tooltip("The same script on both stages, side by side.");
  }
}

/// What the Next button does and says: the next page; on the last page the
/// next lesson ("Next lesson >>"), or the list of lessons at the end of the course; while
/// this page's question waits, nothing until it is answered.
struct NextAction {
  std::string label;
  std::string tooltip;
  std::optional<LessonCommand> command;
};

NextAction next_action(const LessonModel& model) {
  const std::string label = model.next_label();
  if (model.asking()) return {label, "Pick an answer above first: the run plays once you have predicted.", {}};
  if (model.page() + 1 < static_cast<int>(model.current()->pages.size()))
    return {label, label + "\nThe next page, with the run played to its moment (N).", LessonCommand{lesson_cmd::Next{}}};
  const std::size_t next = *model.current_index() + 1;
  if (next < model.lessons().size())
    return {"Next lesson >>", "Open the next lesson: " + model.lessons()[next].title + ".",
            LessonCommand{lesson_cmd::Open{next}}};
  return {"The end of the course: all lessons", "This is the last page of the last lesson. Back to the list of lessons.",
          LessonCommand{lesson_cmd::Close{}}};
}

/// Next, on a row of its own, saying what it will do (disabled while a
/// prediction waits for its answer).
void draw_next_button(const LessonModel& model, std::vector<LessonCommand>& out) {
  const NextAction next = next_action(model);
  const float w = ImGui::GetContentRegionAvail().x;
  if (!next.command) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.20f, 0.42f, 0.75f, 1.0f));
  const std::string shown = fit_text(next.label, w - ImGui::GetStyle().FramePadding.x * 2) + "###next";
  if (ImGui::Button(shown.c_str(), ImVec2(w, 0)) && next.command) out.push_back(*next.command);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) item_tooltip(next.tooltip.c_str());
  if (!next.command) ImGui::EndDisabled();
}

void draw_lesson(const LessonModel& model, LessonPanelState& state, const Fonts& fonts, std::vector<LessonCommand>& out,
                 int run_servers) {
  const Lesson& l = *model.current();
  draw_lesson_head(model, fonts, out);
  const float nav_h = ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(nav_rows(l)) + 2.3f);
  ImGui::BeginChild("##lesson_body", ImVec2(0, -nav_h));
  draw_page_body(model, state, fonts, out, run_servers);
  ImGui::EndChild();
  draw_view_row(model, out);
  draw_nav_buttons(model, out);
  draw_next_button(model, out);
}

}  // namespace

void draw_markdown(const std::vector<MdBlock>& blocks, const Fonts& fonts) {
  const float indent_step = ImGui::GetFontSize() * 1.2f;
  for (const MdBlock& b : blocks) {
    switch (b.kind) {
      case MdBlock::Kind::Heading: {
        ImGui::PushFont(b.level <= 1 && fonts.large ? fonts.large : or_default(fonts.bold));
        ImGui::TextWrapped("%s", b.plain().c_str());
        ImGui::PopFont();
        break;
      }
      case MdBlock::Kind::Paragraph:
        flow(b.runs, fonts, 0);
        ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.25f));
        break;
      case MdBlock::Kind::ListItem: {
        const float indent = indent_step * static_cast<float>(std::max(0, b.level - 1));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float size = ImGui::GetFontSize();
        if (b.number > 0) {
          const std::string n = std::to_string(b.number) + ".";
          dl->AddText(or_default(fonts.regular), size, ImVec2(at.x + indent, at.y), theme::kText, n.c_str());
        } else {
          dl->AddCircleFilled(ImVec2(at.x + indent + size * 0.35f, at.y + size * 0.55f), size * 0.17f, theme::kText);
        }
        flow(b.runs, fonts, indent + indent_step);
        break;
      }
      case MdBlock::Kind::Code: code_block(b, fonts); break;
      case MdBlock::Kind::Rule: ImGui::Separator(); break;
    }
  }
}

std::string servers_warning(const Lesson& lesson, int run_servers) {
  const int written = lesson.scenario.config.servers;
  if (run_servers <= 0 || run_servers == written) return {};
  return "The lesson is written for " + std::to_string(written) + " servers and runs with " +
         std::to_string(run_servers) + " here: its words may not match the run.";
}

void draw_lesson_panel(const LessonModel& model, LessonPanelState& state, const Fonts& fonts,
                       std::vector<LessonCommand>& out, int run_servers) {
  if (model.current() && model.current_page())
    draw_lesson(model, state, fonts, out, run_servers);
  else
    draw_list(model, state, fonts, out);
}

void draw_lesson_highlight(const Highlight& h, const ClusterViewState& cluster, const ChartState& chart,
                           const Simulation& sim, double pulse_seconds, ImDrawList* cluster_dl, ImDrawList* chart_dl) {
  const float pulse = 0.5f + 0.5f * static_cast<float>(std::sin(pulse_seconds * 4.0));
  const float r_extra = 5.0f + 3.0f * pulse;
  const ClusterGeometry& g = cluster.geometry;
  if (cluster_dl != nullptr && !g.servers.empty()) {
  ImDrawList* dl = cluster_dl;
  dl->PushClipRect(g.origin, ImVec2(g.origin.x + g.size.x, g.origin.y + g.size.y), true);
  auto ring = [&](NodeId n, float thickness) {
    const ImVec2 c = g.pos(n);
    if (n.is_client()) {  // hug the square: its caption sits just under it
      const float half = std::min(g.node_radius, 20.0f) + 1.5f + 1.0f * pulse;
      dl->AddRect(ImVec2(c.x - half, c.y - half), ImVec2(c.x + half, c.y + half), kHighlight, 7.0f, 0, thickness);
      return;
    }
    // An arc open at the bottom, where the server's captions are.
    constexpr float kPi = 3.14159265f;
    dl->PathArcTo(c, g.node_radius + r_extra, kPi * 0.5f + 0.75f, kPi * 2.5f - 0.75f, 40);
    dl->PathStroke(kHighlight, 0, thickness);
  };
  for (ServerId s : h.servers)
    if (s.value >= 1 && s.value <= static_cast<int>(g.servers.size())) ring(NodeId::of(s), 3.0f);
  for (NodeId n : h.lanes) {
    const bool in_servers = std::find(h.servers.begin(), h.servers.end(), n.server()) != h.servers.end();
    if (!in_servers) ring(n, 1.5f);
  }
  if (h.message) {
    for (const MessageMarker& m : cluster.markers) {
      const Envelope* env = sim.trace().message(m.id);
      if (!env) {
        const auto& flight = sim.network().in_flight();
        const auto it = flight.find(m.id.value);
        if (it != flight.end()) env = &it->second.envelope;
      }
      if (env && h.message->matches(*env))
        dl->AddRect(ImVec2(m.min.x - 4, m.min.y - 4), ImVec2(m.max.x + 4, m.max.y + 4), kHighlight, 4.0f, 0, 2.0f + pulse);
    }
  }
  dl->PopClipRect();
  }
  // Sequence chart lanes: the chart's lane order and spacing (sequence_chart.cpp, lane_order).
  if (chart_dl != nullptr && !h.lanes.empty() && chart.plot_max.y > chart.plot_min.y) {
    ImDrawList* dl = chart_dl;
    dl->PushClipRect(chart.plot_min, chart.plot_max, true);
    const int servers = sim.config().servers;
    const int clients = sim.config().clients;
    std::vector<NodeId> lanes;
    const int top = (clients + 1) / 2;
    for (int c = 1; c <= top; ++c) lanes.push_back(NodeId::of(ClientId{c}));
    for (int s = 1; s <= servers; ++s) lanes.push_back(NodeId::of(ServerId{s}));
    for (int c = top + 1; c <= clients; ++c) lanes.push_back(NodeId::of(ClientId{c}));
    const float lane_h = (chart.plot_max.y - chart.plot_min.y) / static_cast<float>(lanes.size());
    for (std::size_t i = 0; i < lanes.size(); ++i) {
      if (std::find(h.lanes.begin(), h.lanes.end(), lanes[i]) == h.lanes.end()) continue;
      const float y = std::floor(chart.plot_min.y + lane_h * (static_cast<float>(i) + 0.55f));
      dl->AddRectFilled(ImVec2(chart.plot_min.x, y - lane_h * 0.3f), ImVec2(chart.plot_max.x, y + lane_h * 0.3f),
                        kHighlightBand);
    }
    dl->PopClipRect();
  }
}

}  // namespace paxoslab::gui
