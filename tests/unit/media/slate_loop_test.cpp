#include "media/slate_loop.hpp"

#include <catch2/catch.hpp>

#include <cstdint>

using namespace veche::media;

namespace {

using packet = std::array<std::uint8_t, 188>;

void put_timestamp(std::uint8_t* p, std::uint8_t prefix, std::uint64_t t) {
    p[0] = static_cast<std::uint8_t>((prefix << 4) | ((t >> 29) & 0x0E) | 1);
    p[1] = static_cast<std::uint8_t>(t >> 22);
    p[2] = static_cast<std::uint8_t>(((t >> 14) & 0xFE) | 1);
    p[3] = static_cast<std::uint8_t>(t >> 7);
    p[4] = static_cast<std::uint8_t>(((t << 1) & 0xFE) | 1);
}

std::uint64_t get_timestamp(const std::uint8_t* p) {
    return (std::uint64_t(p[0] & 0x0E) << 29) | (std::uint64_t(p[1]) << 22) | (std::uint64_t(p[2] & 0xFE) << 14) |
           (std::uint64_t(p[3]) << 7) | (std::uint64_t(p[4]) >> 1);
}

std::uint64_t get_pcr_base(const std::uint8_t* p) {
    return (std::uint64_t(p[0]) << 25) | (std::uint64_t(p[1]) << 17) | (std::uint64_t(p[2]) << 9) |
           (std::uint64_t(p[3]) << 1) | (std::uint64_t(p[4]) >> 7);
}

// A video packet: PID 0x100, an adaptation field with a PCR, then the start of a PES with PTS and DTS.
packet video_packet(std::uint8_t cc, std::uint64_t pcr, std::uint64_t pts, std::uint64_t dts) {
    packet p{};
    p.fill(0xFF);
    p[0] = 0x47;
    p[1] = 0x41;  // payload unit start, PID high bits 0x01
    p[2] = 0x00;
    p[3] = static_cast<std::uint8_t>(0x30 | cc);  // adaptation field and payload
    p[4] = 7;                                     // adaptation field length
    p[5] = 0x10;                                  // PCR flag
    p[6] = static_cast<std::uint8_t>(pcr >> 25);
    p[7] = static_cast<std::uint8_t>(pcr >> 17);
    p[8] = static_cast<std::uint8_t>(pcr >> 9);
    p[9] = static_cast<std::uint8_t>(pcr >> 1);
    p[10] = static_cast<std::uint8_t>(((pcr & 1) << 7) | 0x7E);
    p[11] = 0x00;
    std::uint8_t* pes = p.data() + 12;
    pes[0] = 0;
    pes[1] = 0;
    pes[2] = 1;
    pes[3] = 0xE0;
    pes[4] = pes[5] = 0;
    pes[6] = 0x80;
    pes[7] = 0xC0;  // PTS and DTS
    pes[8] = 10;
    put_timestamp(pes + 9, 3, pts);
    put_timestamp(pes + 14, 1, dts);
    return p;
}

// A PAT-like section packet: payload only, no PES.
packet section_packet(std::uint8_t cc) {
    packet p{};
    p.fill(0xFF);
    p[0] = 0x47;
    p[1] = 0x40;
    p[2] = 0x00;
    p[3] = static_cast<std::uint8_t>(0x10 | cc);
    p[4] = 0;  // pointer field
    return p;
}

}  // namespace

TEST_CASE("each slate copy moves its timestamps on by the slate's length and carries on the counters") {
    std::string ts;
    for (const auto& p : {section_packet(5), video_packet(3, 900, 7200, 3600), video_packet(4, 4500, 10800, 7200)})
        ts.append(reinterpret_cast<const char*>(p.data()), p.size());
    slate_loop loop(std::make_shared<const std::string>(ts), 2 * 90000);
    CHECK(loop.duration_s() == Approx(2.0));

    const auto first = loop.next();
    const auto second = loop.next();
    REQUIRE(first->size() == ts.size());
    REQUIRE(second->size() == ts.size());
    const auto* a = reinterpret_cast<const std::uint8_t*>(first->data());
    const auto* b = reinterpret_cast<const std::uint8_t*>(second->data());

    // The first copy keeps its timestamps.
    CHECK(get_pcr_base(a + 188 + 6) == 900);
    CHECK(get_timestamp(a + 188 + 12 + 9) == 7200);
    CHECK(get_timestamp(a + 188 + 12 + 14) == 3600);
    // The second is two seconds later.
    CHECK(get_pcr_base(b + 188 + 6) == 900 + 180000);
    CHECK(get_timestamp(b + 188 + 12 + 9) == 7200 + 180000);
    CHECK(get_timestamp(b + 188 + 12 + 14) == 3600 + 180000);
    CHECK(get_timestamp(b + 2 * 188 + 12 + 9) == 10800 + 180000);
    // Marker bits and prefixes survive.
    CHECK((b[188 + 12 + 9] & 0xF1) == 0x31);
    CHECK((b[188 + 12 + 14] & 0xF1) == 0x11);

    // Continuity counters run on per PID across copies: the section PID 0 → 0, 1; the video PID 0x100 → 0..3.
    CHECK((a[3] & 0x0F) == 0);
    CHECK((b[3] & 0x0F) == 1);
    CHECK((a[188 + 3] & 0x0F) == 0);
    CHECK((a[2 * 188 + 3] & 0x0F) == 1);
    CHECK((b[188 + 3] & 0x0F) == 2);
    CHECK((b[2 * 188 + 3] & 0x0F) == 3);
    // Everything else is untouched.
    CHECK(first->substr(188 + 31, 188 - 31) == ts.substr(188 + 31, 188 - 31));
}

TEST_CASE("timestamps wrap at 33 bits") {
    const std::uint64_t near_wrap = (1ULL << 33) - 90000;
    const auto p = video_packet(0, near_wrap, near_wrap, near_wrap);
    slate_loop loop(std::make_shared<const std::string>(reinterpret_cast<const char*>(p.data()), p.size()), 180000);
    loop.next();
    const auto second = loop.next();
    const auto* b = reinterpret_cast<const std::uint8_t*>(second->data());
    CHECK(get_timestamp(b + 12 + 9) == 90000);
    CHECK(get_pcr_base(b + 6) == 90000);
}
