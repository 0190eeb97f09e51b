#include "media/hls_window.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace veche::media;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const std::string> bytes(const std::string& s) { return std::make_shared<const std::string>(s); }

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = text.find('\n', pos);
        out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

std::uint64_t tag_value(const std::string& playlist, const std::string& tag) {
    std::smatch m;
    REQUIRE(std::regex_search(playlist, m, std::regex(tag + ":(\\d+)")));
    return std::stoull(m[1].str());
}

}  // namespace

TEST_CASE("the playlist lists a window of segments with a date on each and never ends") {
    hls_window w(1700000000, 2s, 6s);
    for (int i = 0; i < 10; ++i) w.append(bytes("seg" + std::to_string(i)), 1.0, 1'767'261'600'000 + i * 1000, false);
    const auto text = w.playlist();
    const auto l = lines(text);
    CHECK(l[0] == "#EXTM3U");
    CHECK(text.find("#EXT-X-ENDLIST") == std::string::npos);
    CHECK(tag_value(text, "#EXT-X-TARGETDURATION") == 2);
    CHECK(tag_value(text, "#EXT-X-MEDIA-SEQUENCE") == 4);  // six 1 s segments fill the 6 s window
    CHECK(tag_value(text, "#EXT-X-DISCONTINUITY-SEQUENCE") == 0);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (l[i].ends_with(".ts")) {
            names.push_back(l[i]);
            CHECK(l[i - 1] == "#EXTINF:1.000,");
            CHECK(l[i - 2].starts_with("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T10:00:0"));
        }
    }
    REQUIRE(names.size() == 6);
    CHECK(names.front() == "1700000000-4.ts");
    CHECK(names.back() == "1700000000-9.ts");
}

TEST_CASE("segments stay readable a little after they leave the playlist, then go") {
    hls_window w(7, 2s, 6s, 2);
    for (int i = 0; i < 12; ++i) w.append(bytes("seg" + std::to_string(i)), 1.0, i * 1000, false);
    const auto snap = w.snapshot();
    CHECK(*snap->playlist == w.playlist());
    CHECK(*snap->find("7-11.ts") == "seg11");
    CHECK(*snap->find("7-6.ts") == "seg6");  // first listed
    CHECK(*snap->find("7-4.ts") == "seg4");  // two spares
    CHECK(snap->find("7-3.ts") == nullptr);
    CHECK(snap->find("8-11.ts") == nullptr);  // another run of the process
    CHECK(snap->segments.size() == 8);
}

TEST_CASE("discontinuities are tagged, and counted once they leave the playlist") {
    hls_window w(1, 2s, 6s);
    w.append(bytes("a"), 2.0, 0, true);  // the very first segment has nothing to be discontinuous with
    CHECK(w.playlist().find("#EXT-X-DISCONTINUITY\n") == std::string::npos);
    w.append(bytes("b"), 2.0, 2000, false);
    w.append(bytes("slate"), 2.0, 4000, true);
    w.append(bytes("live"), 2.0, 6000, true);
    auto text = w.playlist();
    CHECK(tag_value(text, "#EXT-X-MEDIA-SEQUENCE") == 1);
    CHECK(tag_value(text, "#EXT-X-DISCONTINUITY-SEQUENCE") == 0);
    CHECK(text.find("#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:04Z\n#EXTINF:2.000,\n1-2.ts") !=
          std::string::npos);

    std::uint64_t media_seq = 1, disc_seq = 0;
    for (int i = 0; i < 6; ++i) {
        w.append(bytes("x"), 2.0, 8000 + i * 2000, false);
        text = w.playlist();
        const auto m = tag_value(text, "#EXT-X-MEDIA-SEQUENCE");
        const auto d = tag_value(text, "#EXT-X-DISCONTINUITY-SEQUENCE");
        CHECK(m >= media_seq);
        CHECK(d >= disc_seq);
        media_seq = m;
        disc_seq = d;
    }
    CHECK(disc_seq == 2);  // both tagged segments have left
    CHECK(text.find("#EXT-X-DISCONTINUITY\n") == std::string::npos);
}

TEST_CASE("a segment longer than the target is listed at the longest duration the target allows") {
    hls_window w(1, 2s, 6s);
    w.append(bytes("long"), 7.5, 0, false);
    CHECK(w.playlist().find("#EXTINF:2.499,") != std::string::npos);
    CHECK(tag_value(w.playlist(), "#EXT-X-TARGETDURATION") == 2);
}

TEST_CASE("a lower rung copies the top's places, and starts afresh past a gap with the same discontinuity numbers") {
    hls_window top(5, 2s, 6s);
    hls_window rung(5, 2s, 6s);
    std::vector<hls_segment> places;
    for (int i = 0; i < 8; ++i) places.push_back(top.append(bytes("t"), 1.0, i * 1000, i == 3 || i == 6));
    for (int i = 0; i < 4; ++i) rung.append_as(places[i], bytes("r" + std::to_string(i)));
    // The rung could not provide 4 and 5: its list starts again at 6, numbered as the top's.
    rung.append_as(places[6], bytes("r6"));
    rung.append_as(places[7], bytes("r7"));
    const auto text = rung.playlist();
    CHECK(tag_value(text, "#EXT-X-MEDIA-SEQUENCE") == 6);
    // The top's segment 6 carries the second discontinuity: one before it, as in the top's own list.
    CHECK(tag_value(text, "#EXT-X-DISCONTINUITY-SEQUENCE") == 1);
    CHECK(text.find("#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:06Z\n#EXTINF:1.000,\n5-6.ts\n") !=
          std::string::npos);
    CHECK(*rung.snapshot()->find("5-7.ts") == "r7");
    CHECK(rung.snapshot()->find("5-3.ts") == nullptr);
    // The top lists 2 to 7: no discontinuity before its first; its segment 6 is the second one past it.
    CHECK(tag_value(top.playlist(), "#EXT-X-DISCONTINUITY-SEQUENCE") == 0);
}
