#include "media/slate_loop.hpp"

namespace veche::media {
namespace {

constexpr std::size_t packet_size = 188;
constexpr std::uint64_t pts_wrap = 1ULL << 33;

// A PES timestamp: 4 bits of prefix, then 33 bits split 3/15/15 with marker bits between.
void shift_pes_timestamp(std::uint8_t* p, std::int64_t offset) {
    std::uint64_t t = (std::uint64_t(p[0] & 0x0E) << 29) | (std::uint64_t(p[1]) << 22) |
                      (std::uint64_t(p[2] & 0xFE) << 14) | (std::uint64_t(p[3]) << 7) | (std::uint64_t(p[4]) >> 1);
    t = (t + static_cast<std::uint64_t>(offset)) % pts_wrap;
    p[0] = static_cast<std::uint8_t>((p[0] & 0xF0) | ((t >> 29) & 0x0E) | 0x01);
    p[1] = static_cast<std::uint8_t>(t >> 22);
    p[2] = static_cast<std::uint8_t>(((t >> 14) & 0xFE) | 0x01);
    p[3] = static_cast<std::uint8_t>(t >> 7);
    p[4] = static_cast<std::uint8_t>(((t << 1) & 0xFE) | 0x01);
}

// A PCR: 33 bits of 90 kHz base, 6 reserved bits, 9 bits of 27 MHz extension (left as it is).
void shift_pcr(std::uint8_t* p, std::int64_t offset) {
    std::uint64_t base = (std::uint64_t(p[0]) << 25) | (std::uint64_t(p[1]) << 17) | (std::uint64_t(p[2]) << 9) |
                         (std::uint64_t(p[3]) << 1) | (std::uint64_t(p[4]) >> 7);
    base = (base + static_cast<std::uint64_t>(offset)) % pts_wrap;
    p[0] = static_cast<std::uint8_t>(base >> 25);
    p[1] = static_cast<std::uint8_t>(base >> 17);
    p[2] = static_cast<std::uint8_t>(base >> 9);
    p[3] = static_cast<std::uint8_t>(base >> 1);
    p[4] = static_cast<std::uint8_t>((p[4] & 0x7F) | ((base & 1) << 7));
}

void retime_packet(std::uint8_t* p, std::int64_t offset, std::uint8_t& next_cc) {
    const bool payload_start = p[1] & 0x40;
    const int adaptation = (p[3] >> 4) & 0x3;
    const bool has_payload = adaptation & 0x1;
    if (has_payload) {
        p[3] = static_cast<std::uint8_t>((p[3] & 0xF0) | (next_cc & 0x0F));
        next_cc = static_cast<std::uint8_t>((next_cc + 1) & 0x0F);
    }
    std::size_t payload = 4;
    if (adaptation & 0x2) {
        const std::size_t length = p[4];
        if (length > 0 && (p[5] & 0x10) && length >= 7) shift_pcr(p + 6, offset);
        payload = 5 + length;
    }
    if (!has_payload || !payload_start || payload + 14 > packet_size) return;
    const std::uint8_t* pes = p + payload;
    // A PES packet (PSI sections start with a pointer field, never with 00 00 01).
    if (pes[0] != 0 || pes[1] != 0 || pes[2] != 1) return;
    const int flags = (pes[7] >> 6) & 0x3;
    if (flags & 0x2) shift_pes_timestamp(p + payload + 9, offset);
    if (flags == 0x3 && payload + 19 <= packet_size) shift_pes_timestamp(p + payload + 14, offset);
}

}  // namespace

slate_loop::slate_loop(std::shared_ptr<const std::string> slate, std::int64_t duration_90k)
    : slate_(std::move(slate)), duration_90k_(duration_90k) {}

std::shared_ptr<const std::string> slate_loop::next() {
    auto copy = std::make_shared<std::string>(*slate_);
    const auto offset = static_cast<std::int64_t>(copies_++) * duration_90k_;
    auto* bytes = reinterpret_cast<std::uint8_t*>(copy->data());
    for (std::size_t at = 0; at + packet_size <= copy->size(); at += packet_size) {
        auto* p = bytes + at;
        if (p[0] != 0x47) continue;
        retime_packet(p, offset, next_cc_[static_cast<std::size_t>(((p[1] & 0x1F) << 8) | p[2])]);
    }
    return copy;
}

}  // namespace veche::media
