// A page's moment in words (gui/model/moment_words.hpp): a note - searched by
// a fragment of its why-text - is said as the note's own log line once it has
// happened, never as the raw search pattern.
#include <gtest/gtest.h>

#include "gui/model/moment_words.hpp"

namespace paxoslab::gui {
namespace {

NodeId S(int i) { return NodeId::of(ServerId{i}); }

EventPattern note(int server, const char* why) {
  EventPattern p;
  p.kind = TraceKind::Note;
  p.who = S(server);
  p.why = why;
  return p;
}

TraceEvent event(TraceKind kind, int server, const char* why) {
  TraceEvent e;
  e.kind = kind;
  e.who = S(server);
  e.why = why;
  return e;
}

TEST(MomentWords, ANoteBeforeItHappensNamesItsServerAndItsWords) {
  EXPECT_EQ(moment_words(note(3, "a no-op here")), "S3 notes \"...a no-op here...\"");
  EXPECT_EQ(moment_words(note(1, "")), "S1 notes something");
}

TEST(MomentWords, ANoteThatHappenedIsItsOwnLogLine) {
  Trace t;
  t.append(event(TraceKind::Note, 3, "S3 decided slot 1 = m1"));
  t.append(event(TraceKind::Note, 3, "slot 1 holds m1 again (rnd 2), already executed: a no-op here"));
  t.append(event(TraceKind::Note, 1, "S1 has promises for rnd 7 from a majority {S1 S2}"));
  const std::uint64_t end = t.size();
  EXPECT_EQ(moment_words(note(3, "a no-op here"), t, end),
            "S3: slot 1 holds m1 again (rnd 2), already executed: a no-op here");
  EXPECT_EQ(moment_words(note(1, "promises for rnd 7"), t, end), "S1 has promises for rnd 7 from a majority {S1 S2}");
  // Not reached yet at this position: the words of the pattern.
  EXPECT_EQ(moment_words(note(1, "promises for rnd 7"), t, 2), "S1 notes \"...promises for rnd 7...\"");
  Trigger tr;
  tr.after = note(3, "a no-op");
  EXPECT_EQ(moment_words(tr, t, end), "S3: slot 1 holds m1 again (rnd 2), already executed: a no-op here");
}

TEST(MomentWords, AKindWithASentenceKeepsItsSentence) {
  Trace t;
  t.append(event(TraceKind::Crash, 1, "crashed by the script"));
  EventPattern crash;
  crash.kind = TraceKind::Crash;
  crash.who = S(1);
  EXPECT_EQ(moment_words(crash, t, t.size()), "S1 crashes");
}

}  // namespace
}  // namespace paxoslab::gui
