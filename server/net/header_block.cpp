#include "net/header_block.hpp"

namespace veche::net {
namespace {

bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\r' && c != '\n') || u == 0x7F;
}

}  // namespace

header_block_scan scan_header_block(std::string_view bytes) {
    std::size_t start = 0;
    while (bytes.substr(start).starts_with("\r\n")) start += 2;
    for (std::size_t i = start; i < bytes.size(); ++i) {
        if (is_control(bytes[i])) return {header_block_state::malformed, i + 1};
        if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] != '\n')
            return {header_block_state::malformed, i + 2};
        if (bytes[i] != '\n') continue;
        if (i == start || bytes[i - 1] != '\r') return {header_block_state::malformed, i + 1};
        // i ends a line: what follows decides.
        if (i + 1 >= bytes.size()) return {header_block_state::incomplete, 0};
        const char next = bytes[i + 1];
        // A continuation line right after the request line is no better than one after a field.
        if (next == ' ' || next == '\t') return {header_block_state::obs_fold, i + 2};
        if (next == '\r' && i + 2 < bytes.size() && bytes[i + 2] == '\n')
            return {header_block_state::complete, i + 3};
    }
    return {header_block_state::incomplete, 0};
}

}  // namespace veche::net
