// `paxos-lab-cli stages [--rules]` and `paxos-lab-cli rules [--stage N]
// [--json]`: the catalogue of protocol stages and the rules each follows
// (docs/protocol.md; stages/rules.cpp).
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

namespace {

void print_rules(const StageInfo& s, std::ostream& out) {
  for (const StageRule& r : s.rules) {
    out << "    " << r.id << (r.since_stage == s.number ? "  (new)" : "") << "  [" << r.figure << "]\n"
        << "        " << r.sentence << "\n";
    if (!r.without.empty()) out << "        without: " << r.without << "\n";
  }
}

nlohmann::json rules_json(const StageInfo& s) {
  nlohmann::json rules = nlohmann::json::array();
  for (const StageRule& r : s.rules)
    rules.push_back({{"id", r.id},
                     {"sentence", r.sentence},
                     {"figure", r.figure},
                     {"since_stage", r.since_stage},
                     {"switchable", !r.without.empty()},
                     {"without", r.without}});
  return {{"stage", s.number}, {"name", s.name}, {"rules", rules}};
}

}  // namespace

void add_stages_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand("stages", "List the protocol stages: number, the paper's name, what it does.");
  auto with_rules = std::make_shared<bool>(false);
  cmd->add_flag("--rules", *with_rules, "Under each stage, the rules it follows (new ones marked), as 'rules' prints them");
  cmd->callback([&io, with_rules] {
    for (const StageInfo& s : all_stages()) {
      std::string name = s.name;
      if (name.size() < 14) name.resize(14, ' ');
      io.out << s.number << "  " << name << "  " << s.description << "\n";
      if (*with_rules) print_rules(s, io.out);
    }
    io.exit_code = kExitOk;
  });
}

void add_rules_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand(
      "rules",
      "List the rules each stage follows, by stable id, with a sentence and the paper's figure: Stage N is Stage "
      "N-1 plus the rules marked (new).");
  struct Flags {
    std::optional<int> stage;
    bool json = false;
  };
  auto f = std::make_shared<Flags>();
  cmd->add_option("--stage", f->stage, "Only this stage (0-4)")->check(CLI::Range(0, 4));
  cmd->add_flag("--json", f->json, "One JSON object per stage in an array: stage, name, rules (id, sentence, figure, since_stage, switchable, without: what the stage does with the rule off, for --without)");
  cmd->callback([&io, f] {
    nlohmann::json all = nlohmann::json::array();
    for (const StageInfo& s : all_stages()) {
      if (f->stage && *f->stage != s.number) continue;
      if (f->json) {
        all.push_back(rules_json(s));
      } else {
        io.out << "Stage " << s.number << " - " << s.name << "\n";
        print_rules(s, io.out);
      }
    }
    if (f->json) io.out << (f->stage ? all.front() : all).dump(2) << "\n";
    io.exit_code = kExitOk;
  });
}

}  // namespace paxoslab::cli
