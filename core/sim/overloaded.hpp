// Overloaded{lambdas...}: one visitor for std::visit made of several lambdas.
#pragma once

namespace paxoslab {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace paxoslab
