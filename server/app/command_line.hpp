#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace veche::app {

// A usage mistake on the command line (exit code 2).
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "--name value" options after the command word. Every option takes a value.
class command_line {
public:
    // Throws usage_error for an unknown option, a missing value or a repeated option.
    command_line(const std::vector<std::string>& args, const std::set<std::string>& known);

    std::optional<std::string> get(const std::string& name) const;

private:
    std::map<std::string, std::string> values_;
};

}  // namespace veche::app
