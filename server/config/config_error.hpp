#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace veche::config {

// A fault in the config: where (a key path such as "event.sessions[2].hall",
// empty when the fault is with the whole file) and what.
class config_error : public std::runtime_error {
public:
    config_error(std::string_view key, std::string_view fault)
        : std::runtime_error(key.empty() ? printable(fault) : printable(key) + ": " + printable(fault)),
          key_(printable(key)),
          fault_(printable(fault)) {}

    const std::string& key() const noexcept { return key_; }
    const std::string& fault() const noexcept { return fault_; }

    // The operator reads a fault as one line on a terminal, and it quotes
    // what the file holds, which may be anything: control characters, C1
    // controls and bytes that are not UTF-8 become escapes (\n, \x7F, \u009B).
    static std::string printable(std::string_view text);

private:
    std::string key_;
    std::string fault_;
};

}  // namespace veche::config
