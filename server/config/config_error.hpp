#pragma once

#include <stdexcept>
#include <string>

namespace veche::config {

// A fault in the config: where (a key path such as "event.sessions[2].hall",
// empty when the fault is with the whole file) and what.
class config_error : public std::runtime_error {
public:
    config_error(std::string key, std::string fault)
        : std::runtime_error(key.empty() ? fault : key + ": " + fault), key_(std::move(key)), fault_(std::move(fault)) {}

    const std::string& key() const noexcept { return key_; }
    const std::string& fault() const noexcept { return fault_; }

private:
    std::string key_;
    std::string fault_;
};

}  // namespace veche::config
