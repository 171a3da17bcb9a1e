// Lesson text (Markdown, CommonMark via libmd4c's md_parse) turned into plain
// blocks of styled runs that the lesson panel draws with ImGui. No ImGui here:
// the structure is testable on its own.
//
// Supported: headings, paragraphs, emphasis, strong, inline code, fenced or
// indented code blocks, bullet and numbered lists (nested), links (shown as
// links; the URL is kept for a tooltip), thematic breaks. Raw HTML is shown
// as text; tables and images degrade to their text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace paxoslab::gui {

/// A run of text with one style.
struct MdRun {
  std::string text;
  bool strong = false;
  bool emphasis = false;
  bool code = false;
  std::string link;  ///< Target URL when the run is part of a link; empty otherwise.
  bool operator==(const MdRun&) const = default;
};

/// One block of the document, in reading order.
struct MdBlock {
  enum class Kind : std::uint8_t {
    Paragraph,  ///< Runs, wrapped.
    Heading,    ///< `level` 1..6.
    ListItem,   ///< `level` = nesting depth (1 = top); `number` > 0 for an ordered list.
    Code,       ///< A code block: one run, lines kept.
    Rule,       ///< A thematic break (---).
  };
  Kind kind = Kind::Paragraph;
  int level = 0;
  int number = 0;
  std::vector<MdRun> runs;
  bool operator==(const MdBlock&) const = default;

  /// The block's text without styles (tests, search).
  std::string plain() const;
};

/// Parses `markdown`. Never fails: text md4c cannot structure stays as text.
std::vector<MdBlock> parse_lesson_markdown(std::string_view markdown);

}  // namespace paxoslab::gui
