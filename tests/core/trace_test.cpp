// The trace (core/sim/trace.hpp): sequence numbers, the running hash, text lines,
// kept vs hash-only traces, dropping and restoring history.
#include "core/sim/trace.hpp"

#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

TraceEvent event(TraceKind k, std::string why = {}) {
  TraceEvent e;
  e.kind = k;
  e.why = std::move(why);
  return e;
}

TEST(Trace, AppendNumbersEventsAndHashesThem) {
  Trace t;
  EXPECT_EQ(t.append(event(TraceKind::Note, "a")), 0u);
  EXPECT_EQ(t.append(event(TraceKind::Note, "b")), 1u);
  ASSERT_EQ(t.events().size(), 2u);
  EXPECT_EQ(t.events()[1].seq, 1u);
  EXPECT_EQ(t.size(), 2u);
  Trace same;
  same.append(event(TraceKind::Note, "a"));
  same.append(event(TraceKind::Note, "b"));
  EXPECT_EQ(t.hash(), same.hash());
}

TEST(Trace, EveryFieldChangesTheHash) {
  const auto hash_of = [](const TraceEvent& e) {
    Trace t;
    t.append(e);
    return t.hash();
  };
  TraceEvent base = event(TraceKind::Send, "why");
  const std::uint64_t h = hash_of(base);
  std::vector<TraceEvent> variants(9, base);
  variants[0].tick = 1;
  variants[1].kind = TraceKind::Deliver;
  variants[2].who = S(1);
  variants[3].other = C(1);
  variants[4].message = MessageId{1};
  variants[5].timer = TimerId{1};
  variants[6].request = m(1);
  variants[7].value = 3;
  variants[8].why = "whY";
  for (const auto& v : variants) EXPECT_NE(hash_of(v), h);
}

TEST(Trace, OrderMatters) {
  Trace ab, ba;
  ab.append(event(TraceKind::Note, "a"));
  ab.append(event(TraceKind::Note, "b"));
  ba.append(event(TraceKind::Note, "b"));
  ba.append(event(TraceKind::Note, "a"));
  EXPECT_NE(ab.hash(), ba.hash());
}

TEST(Trace, HashOnlyTraceHasTheSameHash) {
  Trace kept(true), bare(false);
  for (int i = 0; i < 10; ++i) {
    kept.append(event(TraceKind::Note, std::to_string(i)));
    bare.append(event(TraceKind::Note, std::to_string(i)));
  }
  EXPECT_EQ(kept.hash(), bare.hash());
  EXPECT_EQ(bare.size(), 10u);
  EXPECT_TRUE(bare.events().empty());
  EXPECT_FALSE(bare.keeps_events());
}

TEST(Trace, KindNamesRoundTrip) {
  for (int i = 0; i < kTraceKindCount; ++i) {
    TraceKind out{};
    ASSERT_TRUE(parse_trace_kind(to_string(static_cast<TraceKind>(i)), out));
    EXPECT_EQ(out, static_cast<TraceKind>(i));
  }
  TraceKind out{};
  EXPECT_FALSE(parse_trace_kind("explode", out));
  EXPECT_STREQ(to_string(TraceKind::LeaderChange), "leader-change");
}

TEST(Trace, TextLine) {
  TraceEvent e;
  e.tick = 40;
  e.kind = TraceKind::Deliver;
  e.who = S(2);
  e.other = S(1);
  e.message = MessageId{3};
  e.why = "because";
  EXPECT_EQ(to_text(e, "Accept(m2, 1)"), "t=   40  deliver        S2  <- S1  #3 Accept(m2, 1)  | because");
}

TEST(Trace, DropAndRestoreHistory) {
  Trace t;
  Envelope env;
  for (int i = 1; i <= 3; ++i) {
    t.append(event(TraceKind::Note, std::to_string(i)));
    env.id = MessageId{static_cast<std::uint64_t>(i)};
    t.record_message(env);
  }
  Trace cut = t.without_history();
  EXPECT_EQ(cut.size(), 3u);
  EXPECT_EQ(cut.hash(), t.hash());
  EXPECT_TRUE(cut.events().empty());
  EXPECT_EQ(cut.first_seq(), 3u);
  EXPECT_EQ(cut.message(MessageId{2}), nullptr);
  env.id = MessageId{4};
  cut.record_message(env);
  ASSERT_NE(cut.message(MessageId{4}), nullptr) << "ids continue after the cut";
  cut.append(event(TraceKind::Note, "4"));
  EXPECT_EQ(cut.events().front().seq, 3u);

  Trace snap = t.without_history();
  snap.restore_history(t, 3);
  EXPECT_EQ(snap.events(), t.events());
  EXPECT_EQ(snap.messages(), t.messages());
  EXPECT_EQ(snap.hash(), t.hash());
  EXPECT_EQ(snap.first_seq(), 0u);
}

TEST(TraceSim, MessagesAreRecordedAsSent) {
  Simulation sim(fixed_config(2, 1), *find_stage(0));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  ASSERT_EQ(sim.trace().messages().size(), 2u);
  const Envelope* e = sim.trace().message(MessageId{2});
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->from, C(1));
  EXPECT_EQ(e->to, S(2));
  EXPECT_EQ(e->payload.kind, MsgKind::Request);
  EXPECT_EQ(e->arrival_tick, 10);
  EXPECT_EQ(sim.trace().message(MessageId{3}), nullptr);
}

TEST(TraceSim, TickNeverGoesBackwards) {
  SimConfig c = fixed_config(3, 2);
  c.link.delay_ticks_min = 1;
  c.link.delay_ticks_max = 40;
  Simulation sim(c, *find_stage(0));
  std::vector<ScriptStep> script;
  for (int i = 1; i <= 20; ++i) script.push_back(at(i * 3, ClientRequestAction{ClientId{1 + i % 2}, m(i)}));
  sim.add_script(script);
  run_all(sim);
  Tick last = 0;
  for (std::size_t i = 0; i < sim.trace().events().size(); ++i) {
    const auto& e = sim.trace().events()[i];
    EXPECT_EQ(e.seq, i);
    EXPECT_GE(e.tick, last);
    last = e.tick;
  }
}

// The reply line's state text is built incrementally from a per-server cache
// (a speed-up); it must read exactly like the plain formatting, long states
// shortened the same way.
TEST(TraceSim, ReplyTextMatchesPlainFormatting) {
  // Plain formatting, written independently: states longer than 12 are
  // shortened to the first 3 and the last 4 requests plus the length.
  const auto plain = [](const std::vector<RequestId>& state) {
    const std::size_t n = state.size();
    std::string s = "<";
    for (std::size_t i = 0; i < n; ++i) {
      if (n > 12 && i >= 3 && i < n - 4) {
        if (i == 3) s += " ...";
        continue;
      }
      s += (i ? " " : "") + to_string(state[i]);
    }
    s += ">";
    if (n > 12) s += " (" + std::to_string(n) + " requests)";
    return s;
  };
  SimConfig c = fixed_config(3, 2);
  c.link.delay_ticks_min = 1;
  c.link.delay_ticks_max = 30;
  Simulation sim(c, *find_stage(0));
  std::vector<ScriptStep> script;
  for (int i = 1; i <= 40; ++i) script.push_back(at(i * 2, ClientRequestAction{ClientId{1 + i % 2}, m(i * 37)}));
  sim.add_script(script);
  sim.run(300);
  Simulation copy = sim;  // a copy rebuilds its cache on demand
  run_all(sim);
  run_all(copy);
  EXPECT_EQ(copy.trace().hash(), sim.trace().hash());
  std::size_t checked = 0;
  for (const auto& cl : sim.clients()) {
    std::size_t next = 0;
    const auto replies = events_of(sim, TraceKind::Reply, NodeId::of(cl.id));
    ASSERT_EQ(replies.size(), cl.replies.size());
    for (const auto& r : cl.replies) {
      const std::string expected = to_string(cl.id) + " now holds state " + plain(sim.reply_state(r)) + " from " +
                                   to_string(r.server);
      EXPECT_EQ(replies[next++].why, expected);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 120u) << "40 requests, each answered by 3 servers";
}

TEST(TraceSim, IdNamesReadLikeStdToString) {
  EXPECT_EQ(to_string(ServerId{7}), "S7");
  EXPECT_EQ(to_string(ClientId{12}), "C12");
  EXPECT_EQ(to_string(NodeId{}), "-");
  EXPECT_EQ(to_string(m(1234567)), "m1234567");
  EXPECT_EQ(to_string(RequestId{0}), "noop");
  EXPECT_EQ(to_string(RequestId{-3}), "m-3");
  EXPECT_EQ(to_string(MessageId{18446744073709551615ULL}), "#18446744073709551615");
  EXPECT_EQ(to_string(TimerId{0}), "t0");
}

}  // namespace
}  // namespace paxoslab
