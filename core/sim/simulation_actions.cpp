// Simulation: applying an Action now - one apply_action overload per kind.
// Client requests here; the fault actions in simulation_faults.cpp; suspect
// and trust in simulation_heartbeats.cpp.
#include "core/sim/simulation.hpp"
#include "core/sim/trace_events.hpp"

namespace paxoslab {

std::string Simulation::apply(const Action& action) {
  std::string err = apply_now(action);
  settle();
  return err;
}

std::string Simulation::apply_now(const Action& action) {
  return std::visit([this](const auto& a) { return apply_action(a); }, action);
}

std::string Simulation::apply_action(const ClientRequestAction& a) {
  if (!valid_client(a.client)) return refuse("there is no client " + to_string(a.client));
  if (a.request.value <= 0) return refuse("a request needs a name like m1");
  if (owner_of(a.request).valid())
    return refuse(to_string(a.request) + " was already sent by " + to_string(owner_of(a.request)));
  client_request(a.client, a.request);
  return {};
}

void Simulation::record_fault(std::string text, NodeId who, NodeId other) {
  record(trace_event::between(TraceKind::Fault, who, other, std::move(text)));
}

}  // namespace paxoslab
