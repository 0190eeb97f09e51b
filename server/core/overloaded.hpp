#pragma once

namespace veche::core {

// std::visit(overloaded{[](const a&) {…}, [](const b&) {…}}, v): one lambda per
// alternative and no catch-all, so a new alternative is a compile error
// wherever it is not handled yet.
template <typename... Fs>
struct overloaded : Fs... {
    using Fs::operator()...;
};
template <typename... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

}  // namespace veche::core
