#include "app/command_line.hpp"

namespace veche::app {

command_line::command_line(const std::vector<std::string>& args, const std::set<std::string>& known) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto name = args[i];
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos && name.starts_with("--")) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (!name.starts_with("--") || !known.count(name.substr(2)))
            throw usage_error("unknown option \"" + name + "\"");
        if (!value) {
            if (i + 1 >= args.size()) throw usage_error("option " + name + " needs a value");
            value = args[++i];
        }
        if (!values_.emplace(name.substr(2), *value).second) throw usage_error("option " + name + " given twice");
    }
}

std::optional<std::string> command_line::get(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

}  // namespace veche::app
