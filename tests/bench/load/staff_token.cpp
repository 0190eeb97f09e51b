#include "staff_token.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>

namespace veche::bench {

std::string mint_staff_token(const std::string& veche, const std::string& config, const std::string& role) {
    const auto command = "'" + veche + "' token --config '" + config + "' --role " + role;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run veche token");
    std::string out;
    std::array<char, 1024> buf{};
    while (const auto n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    if (::pclose(p) != 0) throw std::runtime_error("veche token failed");
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

}  // namespace veche::bench
