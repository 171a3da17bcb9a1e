// Strong identifiers and virtual time shared by the whole simulator.
//
// Every id is a small value type: copyable, comparable, hashable. Server and
// client ids are 1-based as in the paper (S1..Sn, C1..Cm); message and timer ids
// are unique for the life of one simulation (never reused, assigned in order),
// so a fault aimed at "this message" can never hit an equal-looking one.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace paxoslab {

/// Virtual time. One tick is the unit of every delay and timeout; it has no
/// relation to wall-clock time. Starts at 0.
using Tick = std::int64_t;

/// A server S<value>, value in [1, 7]. 0 means "no server".
struct ServerId {
  int value = 0;
  constexpr bool valid() const { return value > 0; }
  constexpr auto operator<=>(const ServerId&) const = default;
};

/// A client C<value>, value >= 1. 0 means "no client".
struct ClientId {
  int value = 0;
  constexpr bool valid() const { return value > 0; }
  constexpr auto operator<=>(const ClientId&) const = default;
};

/// Any endpoint of the network: a server or a client.
struct NodeId {
  enum class Role : std::uint8_t { None, Server, Client };
  Role role = Role::None;
  int index = 0;  ///< 1-based number within its role.

  static constexpr NodeId of(ServerId s) { return {Role::Server, s.value}; }
  static constexpr NodeId of(ClientId c) { return {Role::Client, c.value}; }
  constexpr bool is_server() const { return role == Role::Server; }
  constexpr bool is_client() const { return role == Role::Client; }
  constexpr bool valid() const { return role != Role::None && index > 0; }
  constexpr ServerId server() const { return ServerId{is_server() ? index : 0}; }
  constexpr ClientId client() const { return ClientId{is_client() ? index : 0}; }
  constexpr auto operator<=>(const NodeId&) const = default;
};

/// A message, unique within one simulation; assigned 1, 2, 3, ... in send order.
struct MessageId {
  std::uint64_t value = 0;
  constexpr bool valid() const { return value > 0; }
  constexpr auto operator<=>(const MessageId&) const = default;
};

/// A timer, unique within one simulation; assigned 1, 2, 3, ... in arming order.
struct TimerId {
  std::uint64_t value = 0;
  constexpr bool valid() const { return value > 0; }
  constexpr auto operator<=>(const TimerId&) const = default;
};

/// A client request m<value> (value >= 1). 0 is the no-op that Stage 4 uses to
/// fill gaps (the paper's "noop"); it is never executed as a request.
struct RequestId {
  int value = 0;
  constexpr bool is_noop() const { return value == 0; }
  constexpr auto operator<=>(const RequestId&) const = default;
};

/// "S3", "C1", "m2", "noop", "#7" (message), "t4" (timer).
std::string to_string(ServerId s);
std::string to_string(ClientId c);
std::string to_string(NodeId n);
std::string to_string(RequestId r);
std::string to_string(MessageId m);
std::string to_string(TimerId t);

/// Parses "S3" / "C1" (case-insensitive first letter). Returns an invalid NodeId
/// (role None) if `text` is not of that form.
NodeId parse_node(const std::string& text);
/// Parses "m2" (or "noop" for the no-op). Returns false if `text` is neither.
bool parse_request(const std::string& text, RequestId& out);

}  // namespace paxoslab
