#include "store/request_codec.hpp"

#include "store/sqlite_connection.hpp"

#include <cstdint>

namespace veche::store {
namespace {

void put(std::string& out, std::string_view field) {
    auto n = static_cast<std::uint64_t>(field.size());
    do {
        const auto low = static_cast<unsigned char>(n & 0x7F);
        n >>= 7;
        out.push_back(static_cast<char>(n ? low | 0x80 : low));
    } while (n);
    out.append(field);
}

std::string_view take(std::string_view& in) {
    std::uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
        if (in.empty() || shift > 28) throw store_error("a stored request batch is damaged");
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
    }
    if (n > in.size()) throw store_error("a stored request batch is damaged");
    const auto field = in.substr(0, static_cast<std::size_t>(n));
    in.remove_prefix(static_cast<std::size_t>(n));
    return field;
}

}  // namespace

std::string encode_requests(const std::vector<stored_request>& requests) {
    std::string out;
    for (const auto& r : requests) {
        put(out, r.participant);
        put(out, r.rid);
        put(out, r.reply);
    }
    return out;
}

void for_each_request(std::string_view value,
                      const std::function<void(std::string_view, std::string_view, std::string_view)>& fn) {
    while (!value.empty()) {
        const auto participant = take(value);
        const auto rid = take(value);
        const auto reply = take(value);
        fn(participant, rid, reply);
    }
}

}  // namespace veche::store
