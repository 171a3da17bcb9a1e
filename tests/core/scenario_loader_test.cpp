// The scenario loader (core/scenario/scenario_loader.hpp): good files load into the
// right values; every bad file gets an error naming the file, the line of the
// mistake and what was expected there.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "core/scenario/scenario_loader.hpp"

namespace paxoslab {
namespace {

const std::string kDir = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/";

/// A valid header: [scenario] on line 1, keys on lines 2-5.
const std::string kHeader =
    "[scenario]\n"       // 1
    "name = \"t\"\n"     // 2
    "stage = 0\n"        // 3
    "servers = 3\n"      // 4
    "clients = 2\n";     // 5

/// Loads `text`, which must fail; returns the error.
LoadError error_of(const std::string& text) {
  const ScenarioLoad r = load_scenario_string(text, "bad.toml");
  EXPECT_FALSE(r.ok()) << "expected an error for:\n" << text;
  EXPECT_TRUE(r.error.has_value());
  return r.error.value_or(LoadError{});
}

Scenario load_ok(const std::string& text) {
  const ScenarioLoad r = load_scenario_string(text, "good.toml");
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->to_string() : std::string());
  return r.scenario.value_or(Scenario{});
}

#define EXPECT_ERROR(text, line_no, fragment)                                         \
  do {                                                                                \
    const LoadError e_ = error_of(text);                                              \
    EXPECT_EQ(e_.file, "bad.toml");                                                   \
    EXPECT_EQ(e_.line, line_no) << e_.to_string();                                    \
    EXPECT_NE(e_.message.find(fragment), std::string::npos) << e_.to_string();       \
  } while (0)

// ---- good files -------------------------------------------------------------

TEST(ScenarioLoader, LoadsFig1File) {
  const ScenarioLoad r = load_scenario_file(kDir + "fig01_single_server.toml");
  ASSERT_TRUE(r.ok()) << r.error->to_string();
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.figure, "Fig. 1");
  EXPECT_EQ(s.config.stage, 0);
  EXPECT_EQ(s.config.servers, 1);
  EXPECT_EQ(s.config.clients, 2);
  EXPECT_EQ(s.path, kDir + "fig01_single_server.toml");
  ASSERT_EQ(s.script.size(), 2u);
  EXPECT_EQ(std::get<ClientRequestAction>(s.script[0].action).request, RequestId{1});
  EXPECT_EQ(s.expect.safety_ok, std::optional<bool>(true));
  ASSERT_EQ(s.expect.executed.size(), 1u);
  EXPECT_EQ(s.expect.executed[0].second, (std::vector<RequestId>{RequestId{1}, RequestId{2}}));
}

TEST(ScenarioLoader, LoadsFig2FileWithPerLinkDelays) {
  const ScenarioLoad r = load_scenario_file(kDir + "fig02_uncoordinated.toml");
  ASSERT_TRUE(r.ok()) << r.error->to_string();
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.config.servers, 2);
  ASSERT_EQ(s.config.link_overrides.size(), 4u);
  const LinkOverride& o = s.config.link_overrides[1];
  EXPECT_EQ(o.from, parse_node("C1"));
  EXPECT_EQ(o.to, parse_node("S2"));
  EXPECT_EQ(o.rules.delay_ticks_min, 15);
  EXPECT_EQ(o.rules.delay_ticks_max, 15);
  EXPECT_EQ(s.expect.safety_ok, std::optional<bool>(false));
  EXPECT_EQ(s.expect.violation, std::optional<Violation::Kind>(Violation::Kind::Divergence));
  EXPECT_EQ(s.expect.witnesses, (std::vector<NodeId>{parse_node("S1"), parse_node("S2")}));
}

TEST(ScenarioLoader, DefaultsWhenKeysAreLeftOut) {
  const Scenario s = load_ok(kHeader);
  EXPECT_EQ(s.config.seed, 1u);
  EXPECT_EQ(s.max_steps, 100000u);
  EXPECT_FALSE(s.max_ticks.has_value());
  EXPECT_EQ(s.config.link, LinkRules{});
  EXPECT_TRUE(s.script.empty());
  EXPECT_TRUE(s.expect.empty());
}

TEST(ScenarioLoader, ReadsEveryActionAndTrigger) {
  const Scenario s = load_ok(kHeader +
                             "max_ticks = 500\n"
                             "[link]\nloss_probability = 0\nduplicate_probability = 0.25\n"
                             "[knobs]\nretransmit_ticks = 7\nlearn_mode = \"leader\"\nround_numbering = \"server_id\"\n"
                             "quorum_size = 2\n"
                             "[[step]]\nat = 0\ndo = \"request\"\nclient = \"C2\"\nrequest = \"m3\"\n"
                             "[[step]]\nafter = { event = \"execute\", who = \"S1\", request = \"m3\" }\n"
                             "do = \"crash\"\nserver = \"S1\"\n"
                             "[[step]]\nat = 5\ndo = \"lose\"\nkind = \"Accept\"\nfrom = \"S1\"\nto = \"S2\"\nslot = 1\n"
                             "[[step]]\nat = 5\ndo = \"delay-next\"\nkind = \"Learn\"\nticks = 30\ncount = -1\nname = \"slow\"\n"
                             "[[step]]\nat = 6\ndo = \"remove-rule\"\nname = \"slow\"\n"
                             "[[step]]\nat = 7\ndo = \"partition\"\ngroups = [[\"S1\"], [\"S2\", \"S3\"]]\n"
                             "[[step]]\nat = 8\ndo = \"heal\"\n"
                             "[[step]]\nat = 9\ndo = \"cut\"\na = \"S1\"\nb = \"C1\"\none_way = true\n"
                             "[[step]]\nat = 10\ndo = \"suspect\"\nobserver = \"S2\"\n"
                             "[[step]]\nat = 11\ndo = \"set-link\"\nfrom = \"S1\"\ndelay_ticks_max = 40\n"
                             "[[step]]\nat = 12\ndo = \"delay\"\nkind = \"Accept\"\nticks = 3\n"
                             "[expect]\nstuck = true\n");
  EXPECT_EQ(s.max_ticks, std::optional<Tick>(500));
  EXPECT_DOUBLE_EQ(s.config.link.duplicate_probability, 0.25);
  EXPECT_EQ(s.config.knobs.retransmit_ticks, 7);
  EXPECT_EQ(s.config.knobs.learn_mode, LearnMode::ToLeaderThenCommit);
  EXPECT_EQ(s.config.knobs.round_numbering, RoundNumbering::ServerId);
  EXPECT_EQ(s.config.knobs.quorum_size, 2);
  ASSERT_EQ(s.script.size(), 11u);
  EXPECT_EQ(s.script[0].source_line, 15);  // the [[step]] header line
  ASSERT_TRUE(s.script[1].when.after.has_value());
  EXPECT_EQ(s.script[1].when.after->kind, TraceKind::Execute);
  EXPECT_EQ(s.script[1].when.after->who, parse_node("S1"));
  EXPECT_EQ(std::get<CrashAction>(s.script[1].action).server, ServerId{1});
  const auto& lose = std::get<LoseAction>(s.script[2].action);
  EXPECT_EQ(lose.pattern.kind, std::optional<MsgKind>(MsgKind::Accept));
  EXPECT_EQ(lose.pattern.slot, std::optional<std::int64_t>(1));
  const auto& filter = std::get<FilterAction>(s.script[3].action);
  EXPECT_EQ(filter.effect, FilterAction::Effect::Delay);
  EXPECT_EQ(filter.count, -1);
  EXPECT_EQ(filter.delay_ticks, 30);
  EXPECT_EQ(filter.name, "slow");
  EXPECT_EQ(std::get<PartitionAction>(s.script[5].action).groups.size(), 2u);
  EXPECT_TRUE(std::get<CutLinkAction>(s.script[7].action).one_way);
  EXPECT_FALSE(std::get<SuspectAction>(s.script[8].action).peer.valid());
  const auto& set = std::get<SetLinkAction>(s.script[9].action);
  EXPECT_EQ(set.rules.delay_ticks_min, 10);  // from [link] (the default)
  EXPECT_EQ(set.rules.delay_ticks_max, 40);
  EXPECT_EQ(std::get<DelayAction>(s.script[10].action).ticks, 3);
  EXPECT_EQ(s.expect.stuck, std::optional<bool>(true));
}

TEST(ScenarioLoader, ExtraTopLevelKeysCanBeAllowedForLessons) {
  const toml::table root = toml::parse(kHeader + "[lesson]\ntitle = \"x\"\n");
  EXPECT_FALSE(parse_scenario_table(root, "lesson.toml").ok());
  ScenarioParseOptions options;
  options.extra_top_level_keys = {"lesson"};
  EXPECT_TRUE(parse_scenario_table(root, "lesson.toml", options).ok());
}

// ---- bad files ----------------------------------------------------------------

TEST(ScenarioLoaderErrors, MisspeltKeyIsNamedWithTheKeysExpected) {
  const std::string text = "[scenario]\nname = \"t\"\nstage = 0\nsevrers = 3\n";
  const LoadError e = error_of(text);
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(e.column, 1);
  EXPECT_NE(e.message.find("unknown key 'sevrers' in [scenario]"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("did you mean 'servers'?"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("expected one of name, figure, description, stage, servers"), std::string::npos);
  EXPECT_EQ(e.to_string().rfind("bad.toml:4:1: unknown key 'sevrers'", 0), 0u) << e.to_string();
}

TEST(ScenarioLoaderErrors, WrongTypesSayWhatWasExpected) {
  EXPECT_ERROR("[scenario]\nname = \"t\"\nstage = 0\nservers = \"three\"\n", 4,
               "expected an integer from 1 to 7 for 'servers' in [scenario], got a string");
  EXPECT_ERROR("[scenario]\nname = 5\nstage = 0\nservers = 1\n", 2, "expected a string for 'name'");
  EXPECT_ERROR(kHeader + "[link]\nloss_probability = \"high\"\n", 7, "expected a number for 'loss_probability'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"cut\"\na = \"S1\"\nb = \"S2\"\none_way = 1\n", 11,
               "expected true or false for 'one_way'");
  EXPECT_ERROR("step = 3\n" + kHeader, 1, "expected [[step]] tables");
  EXPECT_ERROR(kHeader + "[[step]]\nat = \"soon\"\ndo = \"heal\"\n", 7, "expected an integer from 0 to 1000000000 for 'at'");
}

TEST(ScenarioLoaderErrors, OutOfRangeValues) {
  EXPECT_ERROR("[scenario]\nname = \"t\"\nstage = 0\nservers = 9\n", 4, "from 1 to 7 for 'servers'");
  EXPECT_ERROR("[scenario]\nname = \"t\"\nstage = 5\nservers = 1\n", 3, "from 0 to 4 for 'stage'");
  EXPECT_ERROR(kHeader + "[link]\nloss_probability = 1.5\n", 7, "expected a number from 0 to 1");
  EXPECT_ERROR(kHeader + "[link]\ndelay_ticks_min = 20\n", 7,
               "delay_ticks_max must be at least delay_ticks_min");  // validate(SimConfig)
  EXPECT_ERROR(kHeader + "[link]\ndelay_ticks_min = 0\n", 7, "from 1 to 1000000 for 'delay_ticks_min'");
  EXPECT_ERROR(kHeader + "[knobs]\nquorum_size = 5\n", 7, "from 0 to 3 for 'quorum_size'");
  EXPECT_ERROR(kHeader + "[knobs]\nlearn_mode = \"some\"\n", 7, "expected one of \"all\", \"leader\"");
  EXPECT_ERROR(kHeader + "max_steps = 0\n", 6, "from 1 to 1000000 for 'max_steps'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"lose-next\"\ncount = 0\n", 9, "expected -1 (every message)");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"lose-next\"\nkind = \"Accept\"\nslot = 0\n", 10,
               "from 1 to 1000000 for 'slot'");  // slots are numbered from 1: slot 0 would never match
}

// A request has one name and is sent once: other spellings and a second send
// would be taken silently (as m1, or skipped with a trace note).
TEST(ScenarioLoaderErrors, RequestNamesAreCanonicalAndSentOnce) {
  const std::string send = "[[step]]\nat = 0\ndo = \"request\"\nclient = \"C1\"\nrequest = ";
  EXPECT_ERROR(kHeader + send + "\"m01\"\n", 10, "got 'm01' (write it 'm1')");
  EXPECT_ERROR(kHeader + send + "\"M1\"\n", 10, "got 'M1' (write it 'm1')");
  EXPECT_ERROR(kHeader + send + "\"m1\"\n\n" + send + "\"m1\"\n", 16,
               "request m1 is already sent by the step at line 6");
  load_ok(kHeader + send + "\"m1\"\n\n" + send + "\"m2\"\n");
}

// Every number has a range (docs/scenario-format.md, "Limits"): 2^63-1, which
// used to overflow now + delay in the simulator, is an error at its line.
TEST(ScenarioLoaderErrors, HugeNumbersAreOutOfRange) {
  const std::string big = "9223372036854775807";
  EXPECT_ERROR(kHeader + "max_steps = " + big + "\n", 6, "from 1 to 1000000 for 'max_steps'");
  EXPECT_ERROR(kHeader + "max_ticks = " + big + "\n", 6, "from 0 to 1000000000 for 'max_ticks'");
  EXPECT_ERROR(kHeader + "[link]\ndelay_ticks_max = " + big + "\n", 7, "from 1 to 1000000 for 'delay_ticks_max'");
  EXPECT_ERROR(kHeader + "[knobs]\nretransmit_ticks = " + big + "\n", 7, "from 1 to 1000000 for 'retransmit_ticks'");
  EXPECT_ERROR(kHeader + "[knobs]\nfd_timeout_ticks = " + big + "\n", 7, "from 1 to 1000000 for 'fd_timeout_ticks'");
  EXPECT_ERROR(kHeader + "[knobs]\nclient_retry_ticks = " + big + "\n", 7, "from 0 to 1000000 for 'client_retry_ticks'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = " + big + "\ndo = \"heal\"\n", 7, "from 0 to 1000000000 for 'at'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"delay\"\nticks = " + big + "\n", 9, "from 1 to 1000000 for 'ticks'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"delay-next\"\nticks = " + big + "\n", 9, "from 1 to 1000000 for 'ticks'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"lose-next\"\ncount = " + big + "\n", 9, "to 1000000 for 'count'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"lose\"\nslot = " + big + "\n", 9, "from 1 to 1000000 for 'slot'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"set-link\"\ndelay_ticks_min = " + big + "\n", 9,
               "from 1 to 1000000 for 'delay_ticks_min'");
  // The largest values in range load.
  load_ok(kHeader + "max_steps = 1000000\nmax_ticks = 1000000000\n[knobs]\nclient_retry_ticks = 1000000\n");
}

// Echoed values are cut to 80 characters and control characters escaped.
TEST(ScenarioLoaderErrors, EchoedValuesAreShortAndEscaped) {
  const LoadError e = error_of(kHeader + "[knobs]\nlearn_mode = \"" + std::string(5000, 'x') + "\\u001b[2J\"\n");
  EXPECT_LT(e.message.size(), 400u) << e.message;
  EXPECT_NE(e.message.find("xxx...\""), std::string::npos) << e.message;
  const LoadError c = error_of(kHeader + "[knobs]\nlearn_mode = \"a\\u001b[2J\"\n");
  EXPECT_NE(c.message.find("a\\x1B[2J"), std::string::npos) << c.message;
  const LoadError long_path{std::string(5000, 'f'), 1, 1, "m"};
  EXPECT_LE(long_path.to_string().size(), kMaxLoadErrorChars + 3);
}

TEST(ScenarioLoaderErrors, UnknownNodesAreReportedWithTheClusterSize) {
  const std::string text = kHeader + "[[step]]\nat = 3\ndo = \"crash\"\nserver = \"S9\"\n";
  const LoadError e = error_of(text);
  EXPECT_EQ(e.line, 9);
  EXPECT_NE(e.message.find("unknown node 'S9'"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("this scenario has 3 servers"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("expected a server name (S1..S3)"), std::string::npos) << e.message;

  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"request\"\nclient = \"C3\"\nrequest = \"m1\"\n", 9,
               "unknown node 'C3'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"crash\"\nserver = \"C1\"\n", 9, "expected a server name");
  EXPECT_ERROR(kHeader + "[[link.override]]\nfrom = \"X1\"\n", 7, "unknown node 'X1'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"partition\"\ngroups = [[\"S1\"], [\"S1\", \"S2\"]]\n", 9,
               "S1 appears twice");
  EXPECT_ERROR(kHeader + "[expect]\nexecuted = { S4 = [\"m1\"] }\n", 7, "unknown server 'S4'");
  EXPECT_ERROR(kHeader + "[expect]\nwitnesses = [\"S1\", \"C7\"]\n", 7, "unknown node 'C7'");
}

TEST(ScenarioLoaderErrors, UnknownActionsKindsAndEvents) {
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"explode\"\n", 8,
               "expected one of \"request\", \"lose\", \"duplicate\"");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"lose\"\nkind = \"Acept\"\n", 9,
               "expected a message kind (one of \"Request\", \"Reply\", \"Accept\"");
  EXPECT_ERROR(kHeader + "[[step]]\nafter = { event = \"exploded\" }\ndo = \"heal\"\n", 7,
               "expected a trace event kind (one of \"client-request\", \"send\"");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"request\"\nclient = \"C1\"\nrequest = \"x1\"\n", 10,
               "expected a request name like \"m1\"");
  EXPECT_ERROR(kHeader + "[expect]\nsafety = \"fine\"\n", 7, "expected one of \"ok\", \"violated\"");
  EXPECT_ERROR(kHeader + "[expect]\nviolation = \"chaos\"\n", 7, "\"divergence\", \"double-execution\"");
}

TEST(ScenarioLoaderErrors, KeysThatDoNotBelongToTheAction) {
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"crash\"\nserver = \"S1\"\nclient = \"C1\"\n", 10,
               "unknown key 'client' in [[step]] at line 6; expected one of at, after, do, server");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 0\ndo = \"heal\"\ngroups = []\n", 9, "unknown key 'groups'");
  EXPECT_ERROR(kHeader + "[scenaro]\nname = \"x\"\n", 6, "unknown key 'scenaro' in the top level");
  EXPECT_ERROR(kHeader + "[[step]]\nafter = { event = \"crash\", whom = \"S1\" }\ndo = \"heal\"\n", 7,
               "unknown key 'whom' in 'after' of [[step]] at line 6");
}

TEST(ScenarioLoaderErrors, MissingKeysAndTriggers) {
  EXPECT_ERROR("[scenario]\nstage = 0\nservers = 1\n", 1, "missing key 'name' in [scenario]");
  EXPECT_ERROR("[link]\ndelay_ticks_min = 3\n", 1, "missing table [scenario]");
  EXPECT_ERROR(kHeader + "[[step]]\ndo = \"heal\"\n", 6, "missing key 'at' or 'after'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 1\nafter = { event = \"crash\" }\ndo = \"heal\"\n", 8,
               "either 'at' or 'after'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 1\n", 6, "missing key 'do'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 1\ndo = \"crash\"\n", 6, "missing key 'server'");
  EXPECT_ERROR(kHeader + "[[step]]\nat = 1\ndo = \"delay\"\nkind = \"Accept\"\n", 6, "missing key 'ticks'");
}

TEST(ScenarioLoaderErrors, TomlSyntaxErrorsCarryTheParsersPosition) {
  const LoadError e = error_of("[scenario]\nname = \"t\"\nstage = 0\nservers = \n");
  EXPECT_EQ(e.line, 4);
  EXPECT_GT(e.column, 0);
  EXPECT_NE(e.message.find("expected valid TOML"), std::string::npos) << e.message;
  const LoadError unterminated = error_of("[scenario]\nname = \"t\nstage = 0\n");
  EXPECT_EQ(unterminated.line, 2);
}

TEST(ScenarioLoaderErrors, MissingFileIsAnErrorValueNotACrash) {
  const ScenarioLoad r = load_scenario_file(kDir + "no_such_file.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->line, 0);
  EXPECT_EQ(r.error->to_string(), kDir + "no_such_file.toml: cannot open the scenario file (does it exist and is it readable?)");
  const ScenarioLoad dir = load_scenario_file(kDir);
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.error->message.find("got a directory"), std::string::npos);
}

}  // namespace
}  // namespace paxoslab
