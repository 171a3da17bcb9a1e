#include "stages/registry.hpp"

#include "stages/rules.hpp"

#include "stages/stage0_single_server/server.hpp"
#include "stages/stage1_send_accept/server.hpp"
#include "stages/stage2_retrans_accept/server.hpp"
#include "stages/stage3_wait_for_learn/server.hpp"
#include "stages/stage4_leader_change/server.hpp"

namespace paxoslab {

std::vector<StageInfo> all_stages() {
  std::vector<StageInfo> out;
  out.push_back(StageInfo{0, "SingleServer",
                          "no coordination: every server executes requests in arrival order (Figs. 1-2)",
                          false, &stage0::make_server, stage_rules(0)});
  out.push_back(StageInfo{1, "SendAccept",
                          "fixed leader S1 orders requests and sends Accept(m, j); no retransmission (Fig. 3)",
                          false, &stage1::make_server, stage_rules(1)});
  out.push_back(StageInfo{2, "RetransAccept",
                          "followers answer Learn; the leader retransmits accepts, executes at once (Figs. 4-5)",
                          true, &stage2::make_server, stage_rules(2)});
  out.push_back(StageInfo{3, "WaitForLearn",
                          "the leader executes only after a majority has the request (Figs. 6-9, 12a)",
                          true, &stage3::make_server, stage_rules(3)});
  out.push_back(StageInfo{4, "LeaderChange",
                          "Multi-Paxos: rounds, Prepare/Promise, all-to-all Learn, decide on a quorum (Figs. 10-12b)",
                          true, &stage4::make_server, stage_rules(4)});
  return out;
}

std::optional<StageInfo> find_stage(int number) {
  for (auto& s : all_stages())
    if (s.number == number) return s;
  return std::nullopt;
}

}  // namespace paxoslab
